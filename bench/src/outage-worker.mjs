/**
 * An outbox worker in its own process for the outage measurement: `node outage-worker.mjs STORE API_URL`
 * delivers to an API that always fails and prints its RSS once a second as JSON lines, until killed.
 */
import { tiktokDestination } from '@pixelpair/server';
import { openStore, startWorker } from '@pixelpair/server/outbox';

const [spec, apiUrl, pixelId] = process.argv.slice(2);
const store = await openStore(spec);
// Backoff capped at 200 ms so the queue churns (leases, reschedules) for the whole window.
const worker = startWorker({ store, destinations: [tiktokDestination({ pixelId, apiUrl, accessToken: 'bench-token' })] }, { concurrency: 2, backoff: { baseMs: 20, maxMs: 200 }, idleMs: 50, timeoutMs: 2000 });
setInterval(() => {
  const { rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ rssMb: rss / 2 ** 20, requests: worker.stats.requests ?? 0, retried: worker.stats.retried ?? 0 })}\n`);
}, 1000);
