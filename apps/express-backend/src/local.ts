/**
 * `node dist/local.js`: the backend against the local TikTok stand-in (Events API, Pixel
 * stub, Test Events page), no account needed. The outbox goes to a fresh temporary file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@pixelpair/emulator';

const PIXEL_ID = 'CSTARTER0EXPRESS0000';
const emulator = await startEmulator({ pixelIds: [PIXEL_ID] });
Object.assign(process.env, {
  TIKTOK_PIXEL_ID: PIXEL_ID,
  TIKTOK_ACCESS_TOKEN: 'local-stand-in',
  TIKTOK_API_URL: emulator.apiUrl,
  TIKTOK_PIXEL_SRC: emulator.pixelScriptUrl,
  PIXELPAIR_OUTBOX: process.env.PIXELPAIR_OUTBOX ?? join(mkdtempSync(join(tmpdir(), 'express-backend-')), 'pixelpair.db'),
});
console.log(`Test Events: ${emulator.testEventsUrl}`);
await import('./server.js');
