/**
 * `pixelpair worker --store S [--destination tiktok,meta,google] [--concurrency N] [--batch-size N]
 * [--api-url URL] [--timeout-ms MS] [--shutdown-deadline-ms MS]`: delivers each destination's
 * queue until SIGTERM/SIGINT, then stops taking work, finishes or hands back in-flight
 * batches, and prints its totals. Tokens only from the environment.
 */
import { METRICS_FLAGS, METRICS_USAGE, metricsAddress, serveWorkerMetrics } from '../metrics/worker-flags.js';
import { openStore } from '../outbox/open-store.js';
import { startWorker } from '../outbox/worker.js';
import { DESTINATION_FLAGS, destinationsFrom } from './destinations.js';
import { flags, guarded, writeJson, type CliCommand } from './io.js';
import { STORE_FLAG, positiveInt, storeSpec, text } from './store-flags.js';

export const WORKER_USAGE = `usage: TIKTOK_ACCESS_TOKEN=… pixelpair worker --store sqlite:./pixelpair.db [--destination tiktok,meta,google] [--concurrency N] [--batch-size N] [--api-url URL] [--timeout-ms MS] [--lease-ms MS] [--shutdown-deadline-ms MS] ${METRICS_USAGE}`;

export const workerCommand: CliCommand = (io) =>
  guarded(io, WORKER_USAGE, async () => {
    const values = flags(io.argv, {
      ...DESTINATION_FLAGS, ...STORE_FLAG,
      concurrency: { type: 'string' }, 'batch-size': { type: 'string' }, 'timeout-ms': { type: 'string' },
      'lease-ms': { type: 'string' }, 'shutdown-deadline-ms': { type: 'string' }, ...METRICS_FLAGS,
    });
    const destinations = destinationsFrom(values, io.env, { send: true, multiple: true });
    const concurrency = positiveInt('concurrency', text(values, 'concurrency'), 2, 64);
    const batchSize = positiveInt('batch-size', text(values, 'batch-size'), 1000, 2000);
    const timeoutMs = positiveInt('timeout-ms', text(values, 'timeout-ms'), 10_000);
    const leaseMs = positiveInt('lease-ms', text(values, 'lease-ms'), Math.max(60_000, timeoutMs * 3));
    const deadlineMs = positiveInt('shutdown-deadline-ms', text(values, 'shutdown-deadline-ms'), 10_000);
    const metricsAt = metricsAddress(values);

    const store = await openStore(storeSpec(text(values, 'store'), io.env));
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

    await new Promise<void>((resolve) => {
      const stop = () => {
        // Remove the handlers again so a second signal gets Node's default behaviour (exit now).
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        io.signal?.removeEventListener('abort', stop);
        resolve();
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      io.signal?.addEventListener('abort', stop, { once: true });
      if (io.signal?.aborted) stop();
    });
    const stats = await worker.close({ deadlineMs });
    await metrics?.close();
    await store.close();
    writeJson(io.stdout, stats);
    return 0;
  });
