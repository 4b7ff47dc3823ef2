/**
 * external_id rule: trim only, case kept. TikTok's example hashes `user_123` as-is and its
 * own server tag does not lower-case, so neither do we; both twins must use this one rule.
 */
import { isSha256Hex } from './sha256-hex.js';

export function normalizeExternalId(raw: string): string | null {
  const value = raw.trim();
  if (!value) return null;
  return isSha256Hex(value) ? value.toLowerCase() : value;
}
