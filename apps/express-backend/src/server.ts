/**
 * `node dist/server.js`: the backend, configured from the environment, with graceful
 * shutdown: on SIGTERM (a deploy, `docker stop`, Kubernetes) it stops taking requests, lets
 * those in flight finish, lets the worker finish or hand back its batch, closes the outbox
 * file and exits 0. Nothing enqueued is lost: what was not delivered goes out after restart.
 *
 * TIKTOK_PIXEL_ID, TIKTOK_ACCESS_TOKEN (required); TIKTOK_API_URL, TIKTOK_PIXEL_SRC (the local
 * stand-in); TIKTOK_TEST_EVENT_CODE; PIXELPAIR_OUTBOX (default ./pixelpair.db);
 * TRUSTED_PROXIES (comma list); PORT (default 3000, 0 = any free port); HOST (default 127.0.0.1).
 */
import type { AddressInfo } from 'node:net';
import { isConfigError } from '@pixelpair/server';
import { createApp } from './app.js';
import { startPixelpair, type Pixelpair } from './pixelpair.js';

const env = (name: string) => process.env[name]?.trim() || undefined;

let pixelpair: Pixelpair;
try {
  pixelpair = startPixelpair({
    outboxPath: env('PIXELPAIR_OUTBOX') ?? './pixelpair.db',
    tiktok: { pixelId: env('TIKTOK_PIXEL_ID') ?? '', accessToken: env('TIKTOK_ACCESS_TOKEN'), apiUrl: env('TIKTOK_API_URL'), testEventCode: env('TIKTOK_TEST_EVENT_CODE') },
  });
} catch (error) {
  // Misconfiguration is the one thing pixelpair throws for; the message never holds the token.
  if (!isConfigError(error)) throw error;
  console.error(`express-backend: ${error.message}`);
  process.exit(2);
}

const app = createApp({
  outbox: pixelpair.outbox,
  pages: { pixelId: env('TIKTOK_PIXEL_ID')!, pixelSrc: env('TIKTOK_PIXEL_SRC') },
  trustedProxies: env('TRUSTED_PROXIES')?.split(',').map((s) => s.trim()) ?? [],
});
const server = app.listen(Number(env('PORT') ?? 3000), env('HOST') ?? '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`express-backend listening on http://${address}:${port}`);
});

async function shutdown(signal: string) {
  console.log(`${signal}: stopping`);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 5_000).unref(); // a hung client must not hold the deploy
  await closed;
  await pixelpair.close(10_000);
  const s = pixelpair.worker.stats;
  console.log(`stopped: ${s.delivered} delivered, ${s.retried} retried, ${s.dead} dead-lettered, ${s.returned} handed back`);
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
