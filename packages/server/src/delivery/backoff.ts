/**
 * Pure retry timing. Exponential backoff with full jitter (a random delay between 0 and the
 * exponential ceiling), so many senders retrying after one outage do not stampede together;
 * Retry-After from TikTok or a proxy is honoured by the caller on top of it.
 */

export interface BackoffOptions {
  /** Ceiling of the first retry. Default 500 ms. */
  baseMs?: number;
  /** Largest ceiling. Default 30 s. */
  maxMs?: number;
  /** Injected for tests. Default Math.random. */
  random?: () => number;
}

/** `attempt` counts retries from 1: the ceiling is baseMs · 2^(attempt−1), capped at maxMs. */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 500;
  const max = opts.maxMs ?? 30_000;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(max, base * 2 ** Math.min(exponent, 30));
  return Math.floor((opts.random ?? Math.random)() * ceiling);
}

/** Retry-After as delta-seconds (`"120"`) or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
