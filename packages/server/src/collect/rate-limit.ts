/**
 * A small in-memory fixed-window limiter keyed by client IP. Enough to stop one browser (or
 * script) flooding the collect endpoint; put a shared limiter in front for many instances.
 */
export interface RateLimitOptions {
  /** Requests per window per key. Default 60. */
  max?: number;
  /** Default 60 s. */
  windowMs?: number;
  now?: () => number;
}

export interface RateLimiter {
  /** ms to wait when over the limit, else 0. */
  hit(key: string): number;
}

export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const max = options.max ?? 60;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  return {
    hit(key) {
      const t = now();
      if (t - lastSweep > windowMs) {
        for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
        lastSweep = t;
      }
      const w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        windows.set(key, { start: t, count: 1 });
        return 0;
      }
      w.count += 1;
      return w.count > max ? w.start + windowMs - t : 0;
    },
  };
}
