/**
 * The queue's shape for the gauges, from `store.status()`, sampled when scraped and reused
 * for a while. `status()` scans the whole events table (about 1.6 s at 1,000,000 rows in
 * SQLite, where it also holds the event loop), so its cost is bounded three ways: one sample
 * at a time however many scrapers ask; a sample is reused for `maxAgeMs`, and for at least ten
 * times as long as the last one took (so sampling never takes more than about a tenth of the
 * time); and a scrape waits at most `waitMs` for a sample, then answers with the previous one.
 */
import type { OutboxStatus, OutboxStore } from '../outbox/store.js';

export interface QueueSample {
  status: OutboxStatus;
  /** When the sample was taken, ms since epoch. */
  at: number;
  /** How long `status()` took, ms. */
  durationMs: number;
}

export interface QueueSampler {
  /** The latest sample, refreshed first when it is due (undefined until one succeeded). */
  current(): Promise<QueueSample | undefined>;
  readonly errors: number;
}

export interface QueueSamplerOptions {
  /** Reuse a sample this long. Default 10 s. */
  maxAgeMs?: number;
  /** A scrape waits this long for a fresh sample before it answers with the previous one. Default 5 s. */
  waitMs?: number;
  /** The clock (ms) for the status, the sample's cost and its reuse. Default Date.now. */
  now?: () => number;
}

export function queueSampler(store: Pick<OutboxStore, 'status'>, options: QueueSamplerOptions = {}): QueueSampler {
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  const waitMs = options.waitMs ?? 5_000;
  const now = options.now ?? Date.now;
  let last: QueueSample | undefined;
  let inflight: Promise<void> | undefined;
  let dueAt = 0;
  let errors = 0;

  async function refresh() {
    const at = now();
    try {
      const status = await store.status(at);
      const done = now();
      last = { status, at, durationMs: done - at };
      dueAt = done + Math.max(maxAgeMs, 10 * (done - at));
    } catch {
      // The store is down or busy: keep the last sample (its timestamp shows its age) and try again later.
      errors += 1;
      dueAt = now() + Math.max(maxAgeMs, 1_000);
    }
  }

  return {
    get errors() { return errors; },
    async current() {
      if (!inflight && now() >= dueAt) inflight = refresh().finally(() => { inflight = undefined; });
      if (inflight) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([inflight, new Promise<void>((r) => { timer = setTimeout(r, waitMs); timer.unref(); })]);
        clearTimeout(timer);
      }
      return last;
    },
  };
}
