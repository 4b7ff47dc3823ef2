/**
 * Context keys that are never hashed (ttclid, ttp, ip, user_agent, locale): they are only
 * cleaned and checked, so a malformed value is dropped with a warning instead of sent.
 */
import { isIP } from 'node:net';
import { isClickId } from '@pixelpair/core';

/** IPv4 or IPv6 (full or compressed); an IPv4-mapped IPv6 address is unwrapped. */
export function normalizeIp(raw: string): string | null {
  let value = raw.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) ? value.toLowerCase() : null;
}

/** BCP-47-ish tag: `en_US` becomes `en-US`; anything not shaped like a language tag is dropped. */
export function normalizeLocale(raw: string): string | null {
  const value = raw.trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) return null;
  const [language, ...rest] = value.split('-');
  return [language!.toLowerCase(), ...rest.map((part) => (/^[A-Za-z]{2}$/.test(part) ? part.toUpperCase() : part))].join('-');
}

/** Opaque identifiers (ttclid, _ttp, user agent): trimmed, sent verbatim, never invented. */
export function normalizeOpaque(raw: string, maxLength = 2048): string | null {
  const value = raw.trim();
  return value && value.length <= maxLength ? value : null;
}

/**
 * ttclid, `_ttp` and other click ids from a URL or a cookie: kept only when core's one
 * click-id rule accepts them as they are (no trimming: a decoded CR/LF is junk, not padding).
 */
export function normalizeClickId(raw: string): string | null {
  return isClickId(raw) ? raw : null;
}
