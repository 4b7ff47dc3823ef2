/**
 * A worker process for the outage benchmark: delivers to an API that always fails and
 * prints its RSS once a second as JSON lines, until killed.
 */
import { tiktokDestination } from '../../src/destinations/tiktok/tiktok.js';
import { PIXEL } from '../../test-support/outbox/fixtures.js';
import { openStore } from '../../src/outbox/open-store.js';
import { startWorker } from '../../src/outbox/worker.js';

const [spec, apiUrl] = process.argv.slice(2);
const store = await openStore(spec);
const worker = startWorker({ store, destinations: [tiktokDestination({ pixelId: PIXEL, apiUrl: apiUrl!, accessToken: 'bench-token' })] }, { concurrency: 2, backoff: { baseMs: 20, maxMs: 200 }, idleMs: 50, timeoutMs: 2000 });
setInterval(() => {
  process.stdout.write(`${JSON.stringify({ rssMb: process.memoryUsage().rss / 2 ** 20, heapMb: process.memoryUsage().heapUsed / 2 ** 20, ...worker.stats })}\n`);
}, 1000);
