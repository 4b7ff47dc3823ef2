/**
 * Flags of the outbox commands beyond the destinations: `--store` (or PIXELPAIR_STORE),
 * whole numbers with bounds, and times (`--since`, `--until`).
 */
import { UsageError } from './io.js';
import { DEFAULT_STORE } from '../outbox/open-store.js';
import type { Flags } from './destinations.js';

export type { Flags };

/** A string flag's value (undefined when absent). */
export const text = (flags: Flags, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};
export const bool = (flags: Flags, name: string): boolean => flags[name] === true;

export const STORE_FLAG = { store: { type: 'string' } } as const;

export function storeSpec(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? env.PIXELPAIR_STORE ?? DEFAULT_STORE;
}

export function positiveInt(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name}: expected a whole number from 1 to ${max}`);
  return n;
}

/** `--since`/`--until`: Unix seconds or an ISO-8601 date/time → Unix seconds. */
export function timeFlag(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n > 1e11) throw new UsageError(`--${name}: that looks like milliseconds; give Unix seconds or an ISO date`);
    return n;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`--${name}: expected Unix seconds or an ISO-8601 date (2026-11-25T10:00:00Z)`);
  return Math.floor(ms / 1000);
}
