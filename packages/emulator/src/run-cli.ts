/**
 * `pixelpair-emulator [--port N] [--host H] [--pixel-id P]...`: starts the stand-in, prints
 * its URLs and runs until SIGINT/SIGTERM. Exported so `pixelpair emulator` (the
 * server CLI) can call it.
 *
 * Accepted access tokens come only from the environment (PIXELPAIR_EMULATOR_TOKENS, comma-
 * separated): a command line is visible to every user of the machine in `ps`. No argument
 * or value is ever printed back, except a stray flag shaped like a flag name.
 */
import { startEmulator, type Emulator } from './emulator.js';

export const TOKENS_ENV = 'PIXELPAIR_EMULATOR_TOKENS';
const USAGE = `usage: pixelpair-emulator [--port N] [--host H] [--pixel-id P]...   (accepted tokens: ${TOKENS_ENV}=a,b; default any)`;
const FLAG_NAME = /^--?[a-z]+(?:-[a-z]+)*$/;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Stop on SIGINT/SIGTERM (default true; tests turn it off). */
  signals?: boolean;
}

export interface CliOptions {
  port: number;
  host: string;
  accessTokens?: string[];
  pixelIds?: string[];
}

/** Parses argv and the environment; returns the options or an error message. */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): CliOptions | string {
  const options: CliOptions = { port: Number(env.EMULATOR_PORT ?? 0) || 0, host: '127.0.0.1' };
  const tokens = env[TOKENS_ENV];
  if (tokens !== undefined && tokens.trim()) {
    const list = tokens.split(',').map((t) => t.trim());
    if (list.some((t) => !t)) return `${TOKENS_ENV}: expected comma-separated non-empty tokens\n${USAGE}`;
    options.accessTokens = list;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port' || flag === '-p') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `--port: expected an integer 0..65535\n${USAGE}`;
      options.port = port;
    } else if (flag === '--host') {
      const host = value();
      if (!host) return `--host: expected a host name or address\n${USAGE}`;
      options.host = host;
    } else if (flag === '--access-token' || flag === '--token') {
      return `there is no token flag (a command line shows in ps): set ${TOKENS_ENV}=token1,token2 instead\n${USAGE}`;
    } else if (flag === '--pixel-id') {
      const id = value();
      if (!id) return `--pixel-id: expected a value\n${USAGE}`;
      (options.pixelIds ??= []).push(id);
    } else if (flag === '--help' || flag === '-h') {
      return USAGE;
    } else {
      // Named back only when shaped like a flag name: a `--<token>` typed by mistake never is.
      const shown = flag.length <= 32 && FLAG_NAME.test(flag) ? ` "${flag}"` : ' (not shown: it may be a secret)';
      return `unknown argument${shown}\n${USAGE}`;
    }
  }
  return options;
}

/** Starts the stand-in and resolves with it (the process keeps running until a signal). Exit code 2 on bad arguments. */
export async function runEmulatorCli(
  argv: readonly string[],
  io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
  env: Record<string, string | undefined> = process.env,
): Promise<Emulator | null> {
  const options = parseCliArgs(argv, env);
  if (typeof options === 'string') {
    (argv.includes('--help') || argv.includes('-h') ? io.out : io.err)(options);
    process.exitCode = argv.includes('--help') || argv.includes('-h') ? 0 : 2;
    return null;
  }
  const emulator = await startEmulator(options);
  io.out('pixelpair TikTok stand-in running');
  io.out(`  Events API:        ${emulator.apiUrl}   (set TIKTOK_API_URL to this)`);
  io.out(`  Pixel script:      ${emulator.pixelScriptUrl}`);
  io.out(`  Test Events page:  ${emulator.testEventsUrl}`);
  io.out(`  JSON API:          ${emulator.url}/__emulator/health`);
  if (options.accessTokens) io.out(`  Access tokens:     ${options.accessTokens.length} accepted (from ${TOKENS_ENV})`);
  if (io.signals === false) return emulator;
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return emulator;
}
