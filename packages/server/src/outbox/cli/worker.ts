/**
 * `pixelpair worker --store S [--concurrency N] [--batch-size N] [--api-url URL]
 *  [--timeout-ms MS] [--shutdown-deadline-ms MS]`: delivers until SIGTERM/SIGINT, then
 * stops taking work, finishes or hands back in-flight batches, and prints its totals.
 */
import { createTransport } from '../../delivery/transport.js';
import { openStore } from '../open-store.js';
import { startWorker } from '../worker.js';
import type { CliIo } from '../../cli/io.js';
import { UsageError, bool, parseFlags, text, positiveInt, storeSpec, writeJson } from './args.js';

export async function workerCommand(io: CliIo): Promise<number> {
  const flags = parseFlags('worker', io.argv, {
    concurrency: { type: 'string' },
    'batch-size': { type: 'string' },
    'api-url': { type: 'string' },
    'timeout-ms': { type: 'string' },
    'lease-ms': { type: 'string' },
    'shutdown-deadline-ms': { type: 'string' },
  });
  const accessToken = io.env.TIKTOK_ACCESS_TOKEN;
  if (!accessToken?.trim()) throw new UsageError('worker: TIKTOK_ACCESS_TOKEN is not set (the token is read only from the environment)');
  const concurrency = positiveInt('concurrency', text(flags, 'concurrency'), 2, 64);
  const batchSize = positiveInt('batch-size', text(flags, 'batch-size'), 1000, 1000);
  const timeoutMs = positiveInt('timeout-ms', text(flags, 'timeout-ms'), 10_000);
  const leaseMs = positiveInt('lease-ms', text(flags, 'lease-ms'), Math.max(60_000, timeoutMs * 3));
  const deadlineMs = positiveInt('shutdown-deadline-ms', text(flags, 'shutdown-deadline-ms'), 10_000);
  const apiUrl = text(flags, 'api-url') ?? io.env.TIKTOK_API_URL;

  const transport = createTransport({ accessToken, timeoutMs, connections: concurrency, ...(apiUrl ? { apiUrl } : {}) });
  const store = await openStore(storeSpec(text(flags, 'store'), io.env));
  const worker = startWorker(
    { store, transport },
    {
      concurrency, batchSize, leaseMs,
      onAlert: (alert) => writeJson(io.stderr, { level: 'error', msg: 'TikTok refused the token or permission: rotate TIKTOK_ACCESS_TOKEN', ...alert }),
    },
  );
  writeJson(io.stderr, { msg: 'outbox worker started', store: store.kind, concurrency, batchSize });

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
  await transport.close();
  await store.close();
  writeJson(io.stdout, stats);
  return 0;
}
