/**
 * `pixelpair emulator`: the local stand-in for TikTok, Meta and Google (`@pixelpair/emulator`),
 * started through the same flags-and-help machinery as every other command, until SIGTERM or
 * SIGINT. The package is loaded only when this command runs: it is a development tool, not a
 * dependency of the twin (in a clone it is there; elsewhere, install it or use its own
 * `pixelpair-emulator` bin).
 */
import { defineCommand } from './command.js';
import { UsageError } from './io.js';
import { text } from './store-flags.js';
import { untilStopped } from './until-stopped.js';

/** The part of `@pixelpair/emulator` this command uses (typed here: the twin does not build against it). */
interface EmulatorModule {
  startEmulator(options: { port?: number; host?: string; accessTokens?: string[]; pixelIds?: string[] }): Promise<{
    url: string;
    apiUrl: string;
    pixelScriptUrl: string;
    testEventsUrl: string;
    meta: { graphUrl: string };
    google: { apiUrl: string; tokenUrl: string };
    close(): Promise<void>;
  }>;
}

export const TOKENS_ENV = 'PIXELPAIR_EMULATOR_TOKENS';
// A variable, so the compiler does not resolve (and the build does not need) the package.
const EMULATOR_PACKAGE = '@pixelpair/emulator';

async function loadEmulator(): Promise<EmulatorModule> {
  try {
    return (await import(EMULATOR_PACKAGE)) as EmulatorModule;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    // Only "not installed" is a usage error; a broken install is reported as what it is.
    if (e.code !== 'ERR_MODULE_NOT_FOUND' || !e.message?.includes(EMULATOR_PACKAGE)) throw error;
    throw new UsageError(`pixelpair emulator: ${EMULATOR_PACKAGE} is not installed here (install it, or run its own bin, pixelpair-emulator)`);
  }
}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new UsageError('emulator: --port (or EMULATOR_PORT) must be a whole number from 0 to 65535');
  return n;
}

function tokens(value: string | undefined): string[] | undefined {
  if (value === undefined || !value.trim()) return undefined;
  const list = value.split(',').map((t) => t.trim());
  if (list.some((t) => !t)) throw new UsageError(`emulator: ${TOKENS_ENV} must be comma-separated, non-empty tokens`);
  return list;
}

export const emulatorCommand = defineCommand({
  name: 'emulator',
  summary: 'the local stand-in for TikTok, Meta and Google, with its Test Events page',
  description: [
    'Serves the three platforms\' server APIs and pixel scripts on one port, checks every request against',
    'the platforms\' contracts, and shows each browser/server pair on its Test Events page. Prints its',
    'URLs, then runs until SIGTERM or SIGINT. Point TIKTOK_API_URL (or --api-url) at the Events API URL.',
  ],
  flags: {
    port: { type: 'string', value: 'N', default: '$EMULATOR_PORT, else 0 (a free port)', description: 'the port to listen on' },
    host: { type: 'string', value: 'HOST', default: '127.0.0.1', description: 'the address to listen on' },
    'pixel-id': { type: 'string', multiple: true, value: 'ID', default: 'any pixel id', description: 'accept only these TikTok pixel codes (others get code 40001)' },
  },
  env: [
    { name: 'EMULATOR_PORT', description: 'default for --port' },
    { name: TOKENS_ENV, description: 'the TikTok access tokens it accepts, comma-separated (default: any but its reserved error tokens)' },
  ],
  exitCodes: [[0, 'stopped by SIGTERM or SIGINT'], [1, 'could not start (the port is taken, …)'], [2, `usage error, or ${EMULATOR_PACKAGE} is not installed`]],
  example: { args: '--port 4010' },
  run: async (io, values) => {
    const pixelIds = (values['pixel-id'] as string[] | undefined) ?? [];
    const options = {
      port: port(text(values, 'port') ?? io.env.EMULATOR_PORT),
      host: text(values, 'host') ?? '127.0.0.1',
      ...(pixelIds.length ? { pixelIds } : {}),
      ...(tokens(io.env[TOKENS_ENV]) ? { accessTokens: tokens(io.env[TOKENS_ENV]) } : {}),
    };
    const { startEmulator } = await loadEmulator();
    const emulator = await startEmulator(options);
    io.stdout.write(
      [
        'pixelpair stand-in running (TikTok, Meta, Google)',
        `  Events API:        ${emulator.apiUrl}   (set TIKTOK_API_URL to this)`,
        `  Pixel script:      ${emulator.pixelScriptUrl}`,
        `  Meta events:       ${emulator.meta.graphUrl}/{version}/{pixel_id}/events   (META_API_URL)`,
        `  Google ingest:     ${emulator.google.apiUrl}   (GOOGLE_DATAMANAGER_URL)`,
        `  Google token:      ${emulator.google.tokenUrl}   (PIXELPAIR_GOOGLE_TOKEN_URL)`,
        `  Test Events page:  ${emulator.testEventsUrl}`,
        `  JSON API:          ${emulator.url}/__emulator/health`,
        ...(options.accessTokens ? [`  Access tokens:     ${options.accessTokens.length} accepted (from ${TOKENS_ENV})`] : []),
        '',
      ].join('\n'),
    );
    await untilStopped(io);
    await emulator.close();
    return 0;
  },
});
