/**
 * `data[i].user_data` of a website event (reference A1 `user_data`, A4, A8). Contact keys must
 * arrive hashed (lowercase 64-hex SHA-256, plain, without the param-builder appendix);
 * IP, user agent, fbc and fbp must arrive raw. Messages name the path and the reason and never
 * echo the value.
 */
import { isIP } from 'node:net';
import { invalidParameter, type GraphError } from './graph-error.js';

/** Hashed keys, each a string or a list of strings (A1). */
export const HASHED_KEYS = ['em', 'ph', 'fn', 'ln', 'ct', 'st', 'zp', 'country', 'db', 'ge', 'external_id'] as const;
const HASHED = new Set<string>(HASHED_KEYS);

/** Raw keys that exist on the CAPI but play no part in web pairs; typed loosely. */
const OTHER_RAW = new Set(['subscription_id', 'fb_login_id', 'lead_id', 'anon_id', 'madid', 'page_id', 'page_scoped_user_id', 'ctwa_clid', 'ig_account_id', 'ig_sid']);

const SHA256_LOWER = /^[0-9a-f]{64}$/;
const SHA256_ANY_CASE = /^[0-9a-fA-F]{64}$/;
const WITH_APPENDIX = /^[0-9a-f]{64}\.[A-Za-z0-9_-]{8}$/;
/** fb.{subdomain index}.{creation time}.{fbclid}; the time must be milliseconds (13 digits). */
const FBC = /^fb\.(\d{1,2})\.(\d+)\.(\S+)$/;
/** fb.{subdomain index}.{creation time}.{random digits}. */
const FBP = /^fb\.(\d{1,2})\.(\d+)\.(\d+)$/;

const WRONG_NAMES: Record<string, string> = {
  email: 'Unknown field. Meta uses user_data.em (SHA-256 of the trimmed, lower-cased email)',
  phone: 'Unknown field. Meta uses user_data.ph (SHA-256 of the digits with country code, no +)',
  phone_number: 'Unknown field. Meta uses user_data.ph',
  ip: 'Unknown field. Meta uses user_data.client_ip_address',
  ip_address: 'Unknown field. Meta uses user_data.client_ip_address',
  user_agent: 'Unknown field. Meta uses user_data.client_user_agent',
  userAgent: 'Unknown field. Meta uses user_data.client_user_agent',
  fbclid: 'Unknown field. Send fbc (fb.{subdomain index}.{ms}.{fbclid}) built from the fbclid, not the fbclid itself',
  ttclid: 'Unknown field. ttclid is TikTok\'s click id; Meta\'s is fbc',
  ttp: 'Unknown field. ttp is TikTok\'s cookie; Meta\'s is fbp',
  first_name: 'Unknown field. Meta uses user_data.fn',
  last_name: 'Unknown field. Meta uses user_data.ln',
  zip_code: 'Unknown field. Meta uses user_data.zp',
};

/** Why a value is not a plain lowercase SHA-256, guessed from its shape (never quoted). */
function hashProblem(key: string, value: string): string {
  if (value.length === 0) return 'Empty string: omit the key instead';
  if (SHA256_ANY_CASE.test(value)) return 'Upper-case hex: Meta expects the SHA-256 digest in lower-case hex';
  if (WITH_APPENDIX.test(value)) return 'SHA-256 with a param-builder appendix (.XXXXXXXX): pixelpair hashes itself and must send the plain 64-hex digest';
  if (key === 'em' && value.includes('@')) return 'Not hashed: this looks like a plain email address; send the SHA-256 of the trimmed, lower-cased email';
  if (key === 'ph' && /^[\d\s()+.-]+$/.test(value)) return 'Not hashed: this looks like a plain phone number; send the SHA-256 of the digits with country code and no +';
  if (/^[0-9a-f]{32}$/i.test(value)) return 'Looks like MD5 (32 hex characters): Meta expects SHA-256 (64 lowercase hex characters)';
  return 'Not a SHA-256 hash (expected 64 lowercase hex characters; hash after normalising)';
}

function checkHashed(key: string, value: unknown, path: string): GraphError | undefined {
  const one = (item: unknown, at: string): GraphError | undefined => {
    if (typeof item !== 'string') return invalidParameter(at, 'Not a valid string (a SHA-256 hex digest)');
    if (!SHA256_LOWER.test(item)) return invalidParameter(at, hashProblem(key, item));
    return undefined;
  };
  if (!Array.isArray(value)) return one(value, path);
  if (value.length === 0) return invalidParameter(path, 'Empty list: omit the key instead');
  for (let i = 0; i < value.length; i++) {
    const problem = one(value[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function checkCookieId(name: 'fbc' | 'fbp', value: unknown, path: string, nowMs: number): GraphError | undefined {
  if (typeof value !== 'string') return invalidParameter(path, 'Not a valid string');
  const shape = name === 'fbc' ? 'fb.{subdomain index}.{creation time in ms}.{fbclid}' : 'fb.{subdomain index}.{creation time in ms}.{random number}';
  if (SHA256_ANY_CASE.test(value)) return invalidParameter(path, `Looks hashed: ${name} is sent raw, as ${shape}`);
  const match = (name === 'fbc' ? FBC : FBP).exec(value);
  if (!match) return invalidParameter(path, `Not a valid ${name}: expected ${shape}`);
  const time = match[2]!;
  if (time.length === 10) return invalidParameter(path, `The creation time in ${name} has 10 digits, i.e. seconds: Meta expects Unix milliseconds (13 digits)`);
  if (time.length !== 13) return invalidParameter(path, `The creation time in ${name} must be Unix milliseconds (13 digits)`);
  if (Number(time) > nowMs + 24 * 3600 * 1000) return invalidParameter(path, `The creation time in ${name} is in the future`);
  return undefined;
}

export function validateUserData(userData: unknown, path: string, nowMs: number): GraphError | undefined {
  if (userData === undefined) return invalidParameter(path, 'Missing required field: website events need user_data');
  if (typeof userData !== 'object' || userData === null || Array.isArray(userData)) return invalidParameter(path, 'Not a valid object');
  const record = userData as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    const at = `${path}.${key}`;
    if (value === null) return invalidParameter(at, 'Field may not be null: omit it instead');
    if (HASHED.has(key)) {
      const problem = checkHashed(key, value, at);
      if (problem) return problem;
    } else if (key === 'client_ip_address') {
      if (typeof value !== 'string') return invalidParameter(at, 'Not a valid string');
      if (SHA256_ANY_CASE.test(value)) return invalidParameter(at, 'Looks hashed: client_ip_address must never be hashed');
      if (isIP(value) === 0) return invalidParameter(at, 'Not a valid IPv4 or IPv6 address (no spaces, no port)');
    } else if (key === 'client_user_agent') {
      if (typeof value !== 'string' || value.length === 0) return invalidParameter(at, 'Not a valid non-empty string');
      if (SHA256_ANY_CASE.test(value)) return invalidParameter(at, 'Looks hashed: client_user_agent must never be hashed');
    } else if (key === 'fbc' || key === 'fbp') {
      const problem = checkCookieId(key, value, at, nowMs);
      if (problem) return problem;
    } else if (OTHER_RAW.has(key)) {
      if (typeof value !== 'string' && !Number.isInteger(value)) return invalidParameter(at, 'Not a valid string or integer');
    } else {
      return invalidParameter(at, WRONG_NAMES[key] ?? 'Unknown field');
    }
  }
  if (typeof record.client_user_agent !== 'string') return invalidParameter(`${path}.client_user_agent`, 'Missing required field: website events need the raw client_user_agent');
  return undefined;
}

function present(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.length > 0;
}

/** Meta refuses an event it cannot match at all (2804050). Run after validateUserData. */
export function hasCustomerInformation(userData: Record<string, unknown>): boolean {
  return present(userData.em) || present(userData.ph) || present(userData.external_id) || present(userData.fbc) || present(userData.fbp)
    || (present(userData.client_ip_address) && present(userData.client_user_agent));
}
