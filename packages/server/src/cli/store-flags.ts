/**
 * Flags of the outbox commands beyond the destinations: `--store` (or PIXELPAIR_STORE),
 * whole numbers with bounds, and times (`--since`, `--until`).
 */
import { DEFAULT_STORE } from '../outbox/open-store.js';
import type { EnvSpec, FlagSpec, FlagTable } from './command.js';
import type { Flags } from './destinations.js';
import { UsageError } from './io.js';

export type { Flags };

/** A string flag's value (undefined when absent). */
export const text = (flags: Flags, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};
export const bool = (flags: Flags, name: string): boolean => flags[name] === true;

export const STORE_FLAG = { store: { type: 'string' } } as const;

export const STORE_FLAG_SPEC: { store: FlagSpec } = {
  store: { ...STORE_FLAG.store, value: 'SPEC', default: `$PIXELPAIR_STORE, else ${DEFAULT_STORE}`, description: 'the outbox: sqlite:PATH[?synchronous=full] or a postgres:// URL [?schema=NAME]' },
};
export const STORE_ENV: EnvSpec = { name: 'PIXELPAIR_STORE', description: 'default for --store' };

export function storeSpec(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? env.PIXELPAIR_STORE ?? DEFAULT_STORE;
}

export function positiveInt(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name}: expected a whole number from 1 to ${max}`);
  return n;
}

/** A whole-number flag whose default and upper bound are the ones its help shows. */
export function wholeNumber(values: Flags, table: FlagTable, name: string): number {
  const spec = table[name];
  if (typeof spec?.default !== 'number') throw new Error(`--${name} has no numeric default`);
  return positiveInt(name, text(values, name), spec.default, spec.max);
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
