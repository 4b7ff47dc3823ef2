/**
 * Flag parsing shared by the outbox commands, with the server twin's conventions:
 * `--pixel-id` or TIKTOK_PIXEL_ID, `--api-url` or TIKTOK_API_URL, the access token only from
 * TIKTOK_ACCESS_TOKEN (never a flag, so it never lands in shell history or `ps`).
 */
import type { ParseArgsConfig } from 'node:util';
import { flags, UsageError } from '../../cli/io.js';
import { DEFAULT_STORE } from '../open-store.js';

export { UsageError, writeJson } from '../../cli/io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export type Flags = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A string flag's value (undefined when absent). */
export const text = (flags: Flags, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};
export const bool = (flags: Flags, name: string): boolean => flags[name] === true;

/** The twin's flag parsing (no token flag, no stray values echoed) plus `--store`. */
export function parseFlags(command: string, argv: string[], options: Options): Flags {
  return flags(argv[0] === command ? argv.slice(1) : argv, { store: { type: 'string' }, ...options });
}

export function storeSpec(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? env.PIXELPAIR_STORE ?? DEFAULT_STORE;
}

export function positiveInt(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name}: expected a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

/** `--since`/`--until`: Unix seconds or an ISO-8601 date/time → Unix seconds. */
export function timeFlag(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n > 1e11) throw new UsageError(`--${name}: ${text} looks like milliseconds; give Unix seconds or an ISO date`);
    return n;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`--${name}: expected Unix seconds or an ISO-8601 date (2026-11-25T10:00:00Z), got ${JSON.stringify(text)}`);
  return Math.floor(ms / 1000);
}

