/**
 * `data[i].user` of a v1.3 web event. Identifiers must arrive hashed (lowercase 64-hex);
 * the message never echoes the value, because a rejected value is often plain PII.
 */
import { isIP } from 'node:net';
import { CODES, paramError, type Problem } from './codes.js';

const SHA256_LOWER = /^[0-9a-f]{64}$/;
const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;

/** Hashed identifiers: a string or an array of strings, each lowercase 64-hex. */
const HASHED_MULTI = new Set(['email', 'phone', 'external_id']);
/** Hashed single values (TikTok's WooCommerce plugin and partners hash these too). */
const HASHED_SINGLE = new Set(['first_name', 'last_name', 'zip_code']);
/** Raw strings, never hashed. */
const RAW = new Set(['ttclid', 'ttp', 'user_agent', 'city', 'state', 'country']);
const APP_ONLY = new Set(['idfa', 'idfv', 'gaid', 'att_status']);

/** Names people send by mistake, with the reason the message gives. */
const WRONG_NAMES: Record<string, string> = {
  phone_number: 'Unknown field. v1.3 event/track uses user.phone; phone_number is the Pixel identify key and the legacy v1.2 context.user key',
  emails: 'Unknown field. v1.3 uses user.email (a string or an array)',
  phone_numbers: 'Unknown field. v1.3 uses user.phone (a string or an array)',
  external_ids: 'Unknown field. v1.3 uses user.external_id (a string or an array)',
  sha256_email: 'Unknown field. v1.3 uses user.email with the SHA-256 hash as the value',
  sha256_phone_number: 'Unknown field. v1.3 uses user.phone with the SHA-256 hash as the value',
  userAgent: 'Unknown field. v1.3 uses user.user_agent',
  ip_address: 'Unknown field. v1.3 uses user.ip',
  ttclid_cookie: 'Unknown field. v1.3 uses user.ttclid',
};

function notHashed(path: string): Problem {
  return { code: CODES.PII_NOT_HASHED, message: `${path}: Not a SHA-256 hash (expected 64 lowercase hex characters; hash after normalising)` };
}

function checkHash(value: unknown, path: string): Problem | undefined {
  if (typeof value !== 'string') return paramError(path, 'Not a valid string');
  if (!SHA256_LOWER.test(value)) return notHashed(path);
  return undefined;
}

export function validateUser(user: unknown, path: string): Problem | undefined {
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return paramError(path, 'Not a valid mapping type');
  const record = user as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (value === null) return paramError(`${path}.${key}`, 'Field may not be null');
    if (HASHED_MULTI.has(key)) {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const problem = checkHash(value[i], `${path}.${key}.${i}`);
          if (problem) return problem;
        }
      } else {
        const problem = checkHash(value, `${path}.${key}`);
        if (problem) return problem;
      }
    } else if (HASHED_SINGLE.has(key)) {
      const problem = checkHash(value, `${path}.${key}`);
      if (problem) return problem;
    } else if (RAW.has(key)) {
      if (typeof value !== 'string') return paramError(`${path}.${key}`, 'Not a valid string');
    } else if (key === 'ip') {
      if (typeof value !== 'string') return paramError(`${path}.ip`, 'Not a valid string');
      if (isIP(value) === 0) return paramError(`${path}.ip`, 'Not a valid IPv4 or IPv6 address');
    } else if (key === 'locale') {
      if (typeof value !== 'string') return paramError(`${path}.locale`, 'Not a valid string');
      if (!LOCALE.test(value)) return paramError(`${path}.locale`, 'Not a valid BCP-47 locale (e.g. en-US)');
    } else if (APP_ONLY.has(key)) {
      return paramError(`${path}.${key}`, 'Only allowed for app events (event_source "app")');
    } else {
      return paramError(`${path}.${key}`, WRONG_NAMES[key] ?? 'Unknown field');
    }
  }
  return undefined;
}
