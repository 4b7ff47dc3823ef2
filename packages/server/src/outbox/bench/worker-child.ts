/**
 * A delivery worker in its own process, for the multi-process throughput benchmark:
 * `node worker-child.js STORE API_URL`; closes gracefully on SIGTERM.
 */
import { createTransport } from '../../delivery/transport.js';
import { openStore } from '../open-store.js';
import { startWorker } from '../worker.js';

const [spec, apiUrl] = process.argv.slice(2);
const store = await openStore(spec);
const transport = createTransport({ apiUrl: apiUrl!, accessToken: 'bench-token', timeoutMs: 10_000, connections: 4 });
const worker = startWorker({ store, transport }, { concurrency: 2, idleMs: 5 });
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await worker.close({ deadlineMs: 2000 });
  await transport.close();
  await store.close();
  process.exit(0);
});
