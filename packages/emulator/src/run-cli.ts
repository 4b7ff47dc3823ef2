/**
 * `pixelpair-emulator [--port N] [--host H]`: starts the stand-in, prints its URLs and runs
 * until SIGINT/SIGTERM. Exported so the root `pnpm --silent pixelpair emulator` can call it.
 */
import { startEmulator, type Emulator } from './emulator.js';

const USAGE = 'usage: pixelpair-emulator [--port N] [--host H] [--access-token T]... [--pixel-id P]...';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Stop on SIGINT/SIGTERM (default true; tests turn it off). */
  signals?: boolean;
}

/** Parses argv; returns the options or an error message. */
export function parseCliArgs(argv: readonly string[]): { port: number; host: string; accessTokens?: string[]; pixelIds?: string[] } | string {
  const options: { port: number; host: string; accessTokens?: string[]; pixelIds?: string[] } = { port: Number(process.env.EMULATOR_PORT ?? 0) || 0, host: '127.0.0.1' };
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
    } else if (flag === '--access-token') {
      const token = value();
      if (!token) return `--access-token: expected a value\n${USAGE}`;
      (options.accessTokens ??= []).push(token);
    } else if (flag === '--pixel-id') {
      const id = value();
      if (!id) return `--pixel-id: expected a value\n${USAGE}`;
      (options.pixelIds ??= []).push(id);
    } else if (flag === '--help' || flag === '-h') {
      return USAGE;
    } else {
      return `unknown argument ${JSON.stringify(arg)}\n${USAGE}`;
    }
  }
  return options;
}

/** Starts the stand-in and resolves with it (the process keeps running until a signal). Exit code 2 on bad arguments. */
export async function runEmulatorCli(argv: readonly string[], io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<Emulator | null> {
  const options = parseCliArgs(argv);
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
