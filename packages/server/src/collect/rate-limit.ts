/**
 * A small in-memory fixed-window limiter keyed by client IP. Enough to stop one browser (or
 * script) flooding the collect endpoint; put a shared limiter in front for many instances.
 * Memory is bounded: at most `maxKeys` windows are kept (expired ones are swept first, then
 * the oldest are dropped), and an IPv6 client is keyed by its /64, the block one subscriber
 * gets, so rotating addresses inside it buys no fresh buckets.
 */
import { isIP } from 'node:net';

export interface RateLimitOptions {
  /** Requests per window per key. Default 60. */
  max?: number;
  /** Default 60 s. */
  windowMs?: number;
  /** Most keys held at once. Default 100,000 (about 10 MB). */
  maxKeys?: number;
  now?: () => number;
}

export interface RateLimiter {
  /** ms to wait when over the limit, else 0. */
  hit(key: string): number;
  /** Keys currently held (for tests and metrics). */
  size(): number;
}

/** The bucket an address counts against: an IPv4 address, or the /64 of an IPv6 one. */
export function rateLimitKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const max = options.max ?? 60;
  const windowMs = options.windowMs ?? 60_000;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  const sweep = (t: number) => {
    for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
    lastSweep = t;
  };
  return {
    hit(key) {
      const t = now();
      if (t - lastSweep > windowMs) sweep(t);
      const w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        if (!w && windows.size >= maxKeys) {
          sweep(t);
          // still full: drop the oldest windows (Map keeps insertion order)
          for (const k of windows.keys()) {
            if (windows.size < maxKeys) break;
            windows.delete(k);
          }
        }
        windows.delete(key);
        windows.set(key, { start: t, count: 1 });
        return 0;
      }
      w.count += 1;
      return w.count > max ? w.start + windowMs - t : 0;
    },
    size: () => windows.size,
  };
}
