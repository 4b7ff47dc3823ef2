/**
 * A small bounded cache of phone numbers already parsed and hashed. On a stream a visitor's
 * phone recurs across the events of a journey, and parsing it is the dearest step of preparing
 * an event. No plain personal data is kept: the key is the SHA-256 of the hints and the raw text
 * (never the text), the entry holds only the digests each destination sends (or "invalid").
 * Least recently used entries go first; `identifierCacheStats()` reports the hit rate.
 */
import { sha256Hex } from './hash.js';

/** What a phone normalises to, as digests only: E.164 with `+` (TikTok, Google) and its digits (Meta). */
export interface PhoneDigests {
  readonly sha256: string;
  readonly prehashed: false;
  readonly digitsSha256: string;
}

export const IDENTIFIER_CACHE_CAPACITY = 4096;

/** `null`: the number is not valid for the hints (the warning is given again on every hit). */
const entries = new Map<string, PhoneDigests | null>();
let hits = 0;
let misses = 0;

export function phoneCacheKey(raw: string, hints: string): string {
  return sha256Hex(`${hints}\u0000${raw}`);
}

/** The cached digests, null for a known-invalid number, undefined when not cached. */
export function cachedPhone(key: string): PhoneDigests | null | undefined {
  const found = entries.get(key);
  if (found === undefined) {
    misses++;
    return undefined;
  }
  hits++;
  // most recently used last: Map keeps insertion order
  entries.delete(key);
  entries.set(key, found);
  return found;
}

export function rememberPhone(key: string, digests: PhoneDigests | null): void {
  if (entries.size >= IDENTIFIER_CACHE_CAPACITY) entries.delete(entries.keys().next().value!);
  entries.set(key, digests);
}

export interface IdentifierCacheStats {
  hits: number;
  misses: number;
  /** hits / (hits + misses); 0 before the first look-up. */
  hitRate: number;
  size: number;
  capacity: number;
}

export function identifierCacheStats(): IdentifierCacheStats {
  const lookups = hits + misses;
  return { hits, misses, hitRate: lookups ? hits / lookups : 0, size: entries.size, capacity: IDENTIFIER_CACHE_CAPACITY };
}

/** Empties the cache and its counters (tests, benchmarks). */
export function clearIdentifierCache(): void {
  entries.clear();
  hits = 0;
  misses = 0;
}
