/**
 * Flag parsing shared by the outbox commands, with the server twin's conventions:
 * `--pixel-id` or TIKTOK_PIXEL_ID, `--api-url` or TIKTOK_API_URL, the access token only from
 * TIKTOK_ACCESS_TOKEN (never a flag, so it never lands in shell history or `ps`).
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_STORE } from '../open-store.js';

/** Exit 2: the user has to fix the command line or the environment. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

export type Flags = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A string flag's value (undefined when absent). */
export const text = (flags: Flags, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};
export const bool = (flags: Flags, name: string): boolean => flags[name] === true;

export function parseFlags(command: string, argv: string[], options: Options): Flags {
  const args = argv[0] === command ? argv.slice(1) : argv;
  if (args.some((a) => a === '--access-token' || a.startsWith('--access-token=') || a === '--token' || a.startsWith('--token='))) {
    throw new UsageError(`${command}: the access token is read only from TIKTOK_ACCESS_TOKEN, never from a flag`);
  }
  try {
    return parseArgs({ args, options: { store: { type: 'string' }, ...options }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
}

export function storeSpec(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? env.PIXELPAIR_STORE ?? DEFAULT_STORE;
}

export function positiveInt(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name}: expected a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

/** `--since`/`--until`: Unix seconds or an ISO-8601 date/time → Unix seconds. */
export function timeFlag(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n > 1e11) throw new UsageError(`--${name}: ${text} looks like milliseconds; give Unix seconds or an ISO date`);
    return n;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`--${name}: expected Unix seconds or an ISO-8601 date (2026-11-25T10:00:00Z), got ${JSON.stringify(text)}`);
  return Math.floor(ms / 1000);
}

export function writeJson(stream: NodeJS.WritableStream, value: unknown) {
  stream.write(`${JSON.stringify(value)}\n`);
}
