/** Small helpers shared by the CLI commands: flags, JSON Lines input, JSON output. */
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isConfigError } from '../config/config-error.js';
import { DESTINATION_FLAGS, secretsIn } from './destinations.js';

/** What a command gets from the process (or from a test): arguments, environment, streams. */
export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Optional: stops `worker` like SIGTERM does (tests, embedding). */
  signal?: AbortSignal;
  /** How the user started the CLI, for help and usage lines (default `pixelpair`). */
  program?: string;
}

/** Resolves to the exit code. */
export type CliCommand = (io: CliIo) => Promise<number>;

/** Exit 2: the user has to fix the command line or the environment. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const COMMON_FLAGS = { ...DESTINATION_FLAGS, help: { type: 'boolean', short: 'h' } } as const;

/**
 * A stray flag is named back only when it is shaped like a flag name (lower-case words and
 * dashes, at most 32 characters): `--<token>` pasted by mistake never is, so it is never
 * printed (nor is any other argument or value).
 */
const FLAG_NAME = /^--?[a-z]+(?:-[a-z]+)*$/;
export function shownFlag(name: string): string | undefined {
  return name.length <= 32 && FLAG_NAME.test(name) ? name : undefined;
}

function knownFlags(options: NonNullable<ParseArgsConfig['options']>): string {
  return Object.keys(options).map((name) => `--${name}`).join(', ');
}

/** Node's message with every command-line word that is not a known flag taken out. */
function withoutArguments(message: string, argv: string[], options: NonNullable<ParseArgsConfig['options']>): string {
  const known = new Set(Object.keys(options).map((name) => `--${name}`));
  let out = message;
  for (const arg of argv) {
    for (const part of [arg, ...arg.split('=')]) {
      if (part.length >= 3 && !known.has(part) && out.includes(part)) out = out.split(part).join('…');
    }
  }
  return out;
}

export function flags(argv: string[], options: NonNullable<ParseArgsConfig['options']>): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    const e = error as Error & { code?: string };
    // Never echo a stray value: it may be a token pasted in the wrong place.
    if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError('pixelpair: unexpected argument (this command takes flags only; input comes on stdin)');
    if (argv.some((a) => a === '--access-token' || a.startsWith('--access-token=') || a === '--token' || a.startsWith('--token='))) {
      throw new UsageError('pixelpair: there is no token flag: access tokens are read only from the environment (TIKTOK_ACCESS_TOKEN, META_ACCESS_TOKEN; Google: GOOGLE_APPLICATION_CREDENTIALS)');
    }
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const name = /'([^']*)'/.exec(e.message)?.[1] ?? '';
      const shown = shownFlag(name);
      throw new UsageError(
        shown
          ? `pixelpair: Unknown option '${shown}' (this command takes ${knownFlags(options)})`
          : `pixelpair: Unknown option (its name is not shown: it may be a secret pasted in the wrong place; this command takes ${knownFlags(options)})`,
      );
    }
    throw new UsageError(`pixelpair: ${withoutArguments(e.message, argv, options)}`);
  }
}

export function writeJson(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

export interface InputLine {
  line: number;
  value?: unknown;
  /** Set when the line is not JSON. */
  parseError?: string;
}

/** Non-empty lines of stdin, numbered from 1 as an editor would show them. */
export async function* readJsonLines(stdin: NodeJS.ReadableStream): AsyncGenerator<InputLine> {
  const rl = createInterface({ input: stdin, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line += 1;
    if (!text.trim()) continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      yield { line, parseError: 'not valid JSON' };
    }
  }
}

export function rejectionLine(line: number, eventId: string | undefined, errors: Array<{ path: string; message: string }>) {
  return { line, eventId: eventId ?? null, errors };
}

/** Replaces every secret the environment holds with *** (a safety net: messages are built without them). */
export function redact(message: string, env: CliIo['env']): string {
  let out = message;
  for (const secret of secretsIn(env)) out = out.split(secret).join('***');
  return out;
}

/**
 * Runs a command body: configuration errors (ConfigError, UsageError) exit 2 with the message
 * and the usage on stderr; anything unexpected exits 1. Every message is redacted.
 */
export async function guarded(io: CliIo, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error), io.env);
    if (error instanceof UsageError || isConfigError(error) || /^(pixelpair|outbox|--store|createOutbox)\b/.test(message)) {
      io.stderr.write(`${message.startsWith('pixelpair') ? message : `pixelpair: ${message}`}\n${usage}\n`);
      return 2;
    }
    io.stderr.write(`pixelpair: ${message}\n`);
    return 1;
  }
}
