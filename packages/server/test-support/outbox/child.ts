/**
 * A separate process for the crash and race tests (compiled on the fly by spawn.ts):
 *   worker  STORE API_URL      → runs a worker until killed
 *   enqueue STORE START_AT_MS  → waits until START_AT_MS, enqueues one purchase, prints the result
 */
import { tiktokDestination } from '../../src/destinations/tiktok/tiktok.js';
import { openStore } from '../../src/outbox/open-store.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { startWorker } from '../../src/outbox/worker.js';
import { PIXEL, TOKEN, envelope } from './fixtures.js';

const [mode, spec, arg] = process.argv.slice(2);
const store = await openStore(spec);

if (mode === 'worker') {
  const destination = tiktokDestination({ pixelId: PIXEL, apiUrl: arg!, accessToken: TOKEN });
  startWorker({ store, destinations: [destination] }, { concurrency: 2, batchSize: 100, leaseMs: 1000, idleMs: 20, timeoutMs: 2000, backoff: { baseMs: 10, maxMs: 100 } });
  process.stdout.write('ready\n');
} else if (mode === 'enqueue') {
  const outbox = createOutbox({ store, destinations: [tiktokDestination({ pixelId: PIXEL })] });
  await new Promise((r) => setTimeout(r, Math.max(0, Number(arg) - Date.now())));
  const result = await outbox.track(envelope(10492, { eventId: 'ord_10492_complete_payment' }));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await store.close();
} else {
  throw new Error(`child: unknown mode ${mode}`);
}
