/**
 * The lesser match keys (TikTok v1.3 per S3/S6/S7): first/last name and zip are hashed after
 * lower-casing and trimming (zip also loses spaces and dashes); city, state and country go
 * unhashed, lower-cased, stripped of punctuation and spaces. Each returns null when nothing
 * usable is left, so the field is omitted instead of sent empty.
 */
import { isSha256Hex } from '@pixelpair/core';
import { countryCodeOfName } from './country-names.js';

export function normalizeName(raw: string): string | null {
  const value = raw.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  return value ? value : null;
}

export function normalizeZip(raw: string): string | null {
  const trimmed = raw.trim();
  if (isSha256Hex(trimmed)) return trimmed.toLowerCase();
  const value = trimmed.toLowerCase().replace(/[\s-]/g, '');
  return value ? value : null;
}

/** City and state: unhashed, lower-case letters and digits only (any script). */
export function normalizePlace(raw: string): string | null {
  const value = raw.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return value ? value : null;
}

/** Country: an ISO 3166-1 alpha-2 code (or its English name: `United States` → `us`), sent lower-cased; anything else is dropped. */
export function normalizeCountry(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (/^[a-z]{2}$/.test(value)) return value;
  return value.length <= 64 ? countryCodeOfName(value) : null;
}
