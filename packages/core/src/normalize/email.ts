/**
 * Email rule (TikTok v1.3): trim, lower-case, then SHA-256. `" ALICE_abc@gmail.com "` →
 * `alice_abc@gmail.com`. Returns null for something that is not an email, so it is dropped
 * rather than hashed into a key that can never match.
 *
 * Cost is linear and bounded: the length is checked first (RFC 5321 caps an address at 254
 * characters), and the shape check is a scan, not a backtracking pattern (the old
 * `[^\s@]+\.[^\s@]+` tried every dot of the domain and took O(n²) on `a@....@`).
 */
import { isSha256Hex } from './sha256-hex.js';

/** The longest address SMTP can deliver to (RFC 5321 path limit minus the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

const SPACE = /\s/;

/**
 * Deliberately permissive (one @, a dot inside the domain, no spaces): rejecting real
 * addresses costs matches, accepting odd ones costs nothing.
 */
function isEmailShaped(value: string): boolean {
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@')) return false;
  // a dot with at least one character on each side, inside the domain
  const dot = value.lastIndexOf('.', value.length - 2);
  return dot > at + 1 && !SPACE.test(value);
}

export function normalizeEmail(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim().toLowerCase();
  if (value.length > MAX_EMAIL_LENGTH) return null;
  if (isSha256Hex(value)) return value;
  return isEmailShaped(value) ? value : null;
}
