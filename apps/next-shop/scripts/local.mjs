// Runs the built shop against the local TikTok stand-in, no account needed:
//   pnpm --filter @pixelpair/next-shop build && pnpm --filter @pixelpair/next-shop local
// With TIKTOK_ACCESS_TOKEN and TIKTOK_PIXEL_ID set, use `next start` instead: the same build talks to TikTok.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { startEmulator } from '@pixelpair/emulator';

const PIXEL_ID = 'CSTARTER0NEXT0SHOP00';
const port = process.env.PORT ?? '3000';
const emulator = await startEmulator({ pixelIds: [PIXEL_ID] });
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const next = spawn(process.execPath, [nextBin, 'start', '-p', port, '-H', '127.0.0.1'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    TIKTOK_PIXEL_ID: PIXEL_ID,
    TIKTOK_ACCESS_TOKEN: 'local-stand-in',
    TIKTOK_API_URL: emulator.apiUrl,
    TIKTOK_PIXEL_SRC: emulator.pixelScriptUrl,
    SHOP_ORIGIN: `http://127.0.0.1:${port}`,
  },
});
console.log(`Next Shop:    http://127.0.0.1:${port}/?ttclid=E.C.P.local-click\nTest Events:  ${emulator.testEventsUrl}`);
const stop = () => next.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
next.on('exit', async (code) => {
  await emulator.close();
  process.exit(code ?? 0);
});
