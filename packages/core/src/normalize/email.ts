/**
 * Email rule (TikTok v1.3): trim, lower-case, then SHA-256. `" ALICE_abc@gmail.com "` →
 * `alice_abc@gmail.com`. Returns null for something that is not an email, so it is dropped
 * rather than hashed into a key that can never match.
 */
import { isSha256Hex } from './sha256-hex.js';

// Deliberately permissive (one @, a dot in the domain, no spaces): rejecting real
// addresses costs matches, accepting odd ones costs nothing.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (isSha256Hex(value)) return value;
  return EMAIL.test(value) ? value : null;
}
