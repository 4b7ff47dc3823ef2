/**
 * `pixelpair worker`: delivers each destination's queue until SIGTERM/SIGINT, then stops
 * taking work, finishes or hands back in-flight batches, and prints its totals. Tokens only
 * from the environment.
 */
import { METRICS_FLAGS, metricsAddress, serveWorkerMetrics } from '../metrics/worker-flags.js';
import { openStore } from '../outbox/open-store.js';
import { startWorker } from '../outbox/worker.js';
import { defineCommand, type FlagTable } from './command.js';
import { destinationEnv, DESTINATION_FLAG_SPECS } from './destination-help.js';
import { destinationsFrom } from './destinations.js';
import { writeJson } from './io.js';
import { STORE_ENV, STORE_FLAG_SPEC, positiveInt, storeSpec, text, wholeNumber } from './store-flags.js';
import { untilStopped } from './until-stopped.js';

/** The worker's own flags; their defaults and bounds are the ones used below. */
const WORKER_FLAGS = {
  concurrency: { type: 'string', value: 'N', default: 2, max: 64, description: 'batches in flight at once, per destination' },
  'batch-size': { type: 'string', value: 'N', default: 1000, max: 2000, description: 'events taken from the store per batch' },
  'timeout-ms': { type: 'string', value: 'MS', default: 10_000, description: 'give up on one request after this long (it is retried)' },
  'lease-ms': { type: 'string', value: 'MS', default: 'max(60000, 3 × --timeout-ms)', description: "how long a taken batch stays reserved: a crashed worker's events are due again after it" },
  'shutdown-deadline-ms': { type: 'string', value: 'MS', default: 10_000, description: 'after SIGTERM, how long in-flight requests may finish before their events are handed back' },
} satisfies FlagTable;

export const workerCommand = defineCommand({
  name: 'worker',
  summary: "delivers the outbox's queue until SIGTERM or SIGINT, then prints its totals",
  description: [
    'Runs one lane per destination. On SIGTERM or SIGINT it stops taking work, lets in-flight requests',
    'finish (or hands their events back), prints { requests, delivered, retried, dead, returned,',
    'byDestination } on stdout and exits 0. A second signal exits at once. Alerts (a refused token or',
    'payload) go to stderr as JSON lines with level "error".',
  ],
  flags: { ...STORE_FLAG_SPEC, ...DESTINATION_FLAG_SPECS, ...WORKER_FLAGS, ...METRICS_FLAGS },
  env: [STORE_ENV, ...destinationEnv({ send: true })],
  exitCodes: [[0, 'stopped by SIGTERM or SIGINT after a graceful shutdown'], [1, 'an unexpected error (the store became unreachable, …)'], [2, 'usage or configuration error: nothing was sent']],
  example: { env: 'TIKTOK_ACCESS_TOKEN=… TIKTOK_PIXEL_ID=C4ABCDEF123', args: '--store sqlite:./pixelpair.db --concurrency 4' },
  run: async (io, values) => {
    const destinations = destinationsFrom(values, io.env, { send: true, multiple: true });
    const concurrency = wholeNumber(values, WORKER_FLAGS, 'concurrency');
    const batchSize = wholeNumber(values, WORKER_FLAGS, 'batch-size');
    const timeoutMs = wholeNumber(values, WORKER_FLAGS, 'timeout-ms');
    const leaseMs = positiveInt('lease-ms', text(values, 'lease-ms'), Math.max(60_000, timeoutMs * 3));
    const deadlineMs = wholeNumber(values, WORKER_FLAGS, 'shutdown-deadline-ms');
    const metricsAt = metricsAddress(values);

    // PostgreSQL leases hold a client per lane while it sends: one per lane, one for status and metrics.
    const store = await openStore(storeSpec(text(values, 'store'), io.env), { max: Math.max(4, concurrency * destinations.length + 1) });
    const metrics = await serveWorkerMetrics(metricsAt, { store, destinations }); // only with --metrics-port
    const worker = startWorker(
      { store, destinations },
      {
        concurrency, batchSize, leaseMs, timeoutMs, ...metrics?.hooks,
        onAlert: (alert) => {
          metrics?.hooks.onAlert(alert);
          writeJson(io.stderr, {
            level: 'error',
            msg: alert.kind === 'stop' ? `${alert.destination} refused the token or permission: rotate it` : `${alert.destination} refused a payload: the events are dead-lettered`,
            ...alert,
          });
        },
      },
    );
    writeJson(io.stderr, { msg: 'outbox worker started', store: store.kind, destinations: destinations.map((d) => d.id), concurrency, batchSize, ...(metrics ? { metrics: metrics.url } : {}) });

    await untilStopped(io);
    const stats = await worker.close({ deadlineMs });
    await metrics?.close();
    await store.close();
    writeJson(io.stdout, stats);
    return 0;
  },
});
