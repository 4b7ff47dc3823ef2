/**
 * A delivery worker in its own process, for the multi-process throughput benchmark:
 * `node worker-child.js STORE API_URL`; closes gracefully on SIGTERM.
 */
import { tiktokDestination } from '../../src/destinations/tiktok/tiktok.js';
import { PIXEL } from '../../test-support/outbox/fixtures.js';
import { openStore } from '../../src/outbox/open-store.js';
import { startWorker } from '../../src/outbox/worker.js';

const [spec, apiUrl] = process.argv.slice(2);
const store = await openStore(spec);
const worker = startWorker({ store, destinations: [tiktokDestination({ pixelId: PIXEL, apiUrl: apiUrl!, accessToken: 'bench-token' })] }, { concurrency: 2, idleMs: 5, timeoutMs: 10_000 });
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await worker.close({ deadlineMs: 2000 });
  await store.close();
  process.exit(0);
});
