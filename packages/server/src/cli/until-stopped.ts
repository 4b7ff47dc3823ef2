/**
 * Resolves on the first SIGTERM or SIGINT (or when `io.signal` aborts, in tests and embedding).
 * The handlers are removed again, so a second signal gets Node's default: exit now.
 */
import type { CliIo } from './io.js';

export function untilStopped(io: Pick<CliIo, 'signal'>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
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
}
