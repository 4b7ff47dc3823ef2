/**
 * The one shared normalisation of the envelope's `user`: every identifier checked and brought
 * to its platform-neutral form ONCE (email trimmed and lower-cased, phone parsed to E.164,
 * names, places, click ids and cookies cleaned). Email, phone and external id are hashed here,
 * once, in every form a destination sends (TikTok and Google hash the phone with its `+`, Meta
 * its digits; Google's email digest follows its Gmail rule), so three destinations cost one
 * parse and no repeated hashes, and a recurring phone is answered from a cache of digests.
 * Names, zip and places stay plain: each destination formats and hashes them by its own rules.
 * Invalid values are dropped with a warning naming the path, never the value. When the
 * consent policy withholds personal data it is not even normalised.
 */
import { applyGmailRule, isSha256Hex, normalizeEmail, normalizeExternalId } from '@pixelpair/core';
import type { EnvelopeUser } from '../envelope/schema.js';
import type { Issue } from '../types.js';
import { normalizeIp, normalizeLocale, normalizeOpaque } from './context-values.js';
import { hashNormalized, sha256Hex } from './hash.js';
import { cachedPhone, phoneCacheKey, rememberPhone } from './identifier-cache.js';
import { normalizeCountry, normalizeName, normalizePlace, normalizeZip } from './names.js';
import { normalizePhone, toCountryCode, type CountryCode } from './phone.js';

/** A normalised identifier, or a SHA-256 digest the app hashed itself (64 lower-case hex; its rule is unknown). */
export interface Identifier {
  value: string;
  prehashed: boolean;
}

/** An email, phone or external id as digests only (distinct digests, in input order). */
export interface HashedIdentifier {
  /** SHA-256 hex of the normalised value (email trimmed and lower-cased, phone E.164 with `+`), or the app's own digest. */
  sha256: string;
  /** The app hashed it itself: its rule is unknown, so it cannot be re-formatted for another destination. */
  prehashed: boolean;
}

export interface HashedEmail extends HashedIdentifier {
  /** Google's digest, after its Gmail rule (the same as sha256 for other domains); absent when prehashed. */
  googleSha256?: string;
}

export interface HashedPhone extends HashedIdentifier {
  /** Meta's digest: the E.164 digits without `+`; absent when prehashed. */
  digitsSha256?: string;
}

export interface NormalizedIdentity {
  emails: HashedEmail[];
  phones: HashedPhone[];
  externalIds: HashedIdentifier[];
  firstName?: Identifier;
  lastName?: Identifier;
  zip?: Identifier;
  /** Lower-case letters and digits of any script (`berlin`, `newyork`). */
  city?: string;
  state?: string;
  /** ISO 3166-1 alpha-2, lower-case. */
  country?: string;
  /** `YYYYMMDD`. */
  dateOfBirth?: string;
  gender?: 'f' | 'm';
  ip?: string;
  userAgent?: string;
  locale?: string;
  ttclid?: string;
  ttp?: string;
  fbc?: string;
  fbp?: string;
  gclid?: string;
  gbraid?: string;
  wbraid?: string;
}

export interface IdentityOptions {
  defaultCountry?: CountryCode;
  /** False when the consent policy withholds personal data: only context keys are read. */
  sendUserData: boolean;
}

type Normalizer = (raw: string) => string | null;

const identifier = (value: string): Identifier => ({ value, prehashed: isSha256Hex(value) });

const EMAIL_REASON = 'not a valid email';
const PHONE_REASON = 'not a valid phone number for the country hint or default country';

function hashedEmail(raw: string): HashedEmail | null {
  const value = normalizeEmail(raw);
  if (value === null) return null;
  if (isSha256Hex(value)) return { sha256: value, prehashed: true };
  const sha256 = sha256Hex(value);
  const google = applyGmailRule(value);
  return { sha256, prehashed: false, googleSha256: google === value ? sha256 : sha256Hex(google) };
}

function hashedExternalId(raw: string): HashedIdentifier | null {
  const value = normalizeExternalId(raw);
  return value === null ? null : { sha256: hashNormalized(value), prehashed: isSha256Hex(value) };
}

/** One phone's digests: from the cache when this text with these hints was seen, else parsed once. */
function hashedPhone(raw: string, hints: readonly (CountryCode | undefined)[], hintKey: string): HashedPhone | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  if (isSha256Hex(trimmed)) return { sha256: trimmed.toLowerCase(), prehashed: true };
  const key = phoneCacheKey(trimmed, hintKey);
  const cached = cachedPhone(key);
  if (cached !== undefined) return cached;
  const e164 = normalizePhone(trimmed, hints);
  // digests only, frozen: the cache hands the same object to every event that repeats the number
  const digests = e164 === null ? null : Object.freeze({ sha256: sha256Hex(e164), prehashed: false, digitsSha256: sha256Hex(e164.slice(1)) });
  rememberPhone(key, digests);
  return digests;
}

/** Each value hashed once; invalid ones dropped with a warning naming the path; equal digests kept once. */
function hashedAll<T extends HashedIdentifier>(raw: string | string[] | undefined, path: string, hash: (value: string) => T | null, reason: string, warnings: Issue[]): T[] {
  if (raw === undefined) return [];
  if (typeof raw === 'string') {
    const one = hash(raw);
    if (one === null && raw.trim()) warnings.push({ path, message: `${reason}: dropped` });
    return one === null ? [] : [one];
  }
  const out: T[] = [];
  for (let i = 0; i < raw.length; i++) {
    const value = raw[i]!;
    const hashed = hash(value);
    if (hashed === null) {
      if (value.trim()) warnings.push({ path: `${path}[${i}]`, message: `${reason}: dropped` });
      continue;
    }
    let seen = false;
    for (const o of out) if (o.sha256 === hashed.sha256) seen = true;
    if (!seen) out.push(hashed);
  }
  return out;
}

function all(raw: string | string[] | undefined, path: string, normalize: Normalizer, reason: string, warnings: Issue[]): Identifier[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const out: Identifier[] = [];
  list.forEach((value, i) => {
    const normalized = normalize(value);
    if (normalized === null) {
      if (value.trim()) warnings.push({ path: Array.isArray(raw) ? `${path}[${i}]` : path, message: `${reason}: dropped` });
      return;
    }
    if (!out.some((o) => o.value === normalized)) out.push(identifier(normalized));
  });
  return out;
}

function one(raw: string | undefined, path: string, normalize: Normalizer, reason: string, warnings: Issue[]): Identifier | undefined {
  return all(raw, path, normalize, reason, warnings)[0];
}

function clean(raw: string | undefined, path: string, normalize: Normalizer, reason: string, warnings: Issue[]): string | undefined {
  if (raw === undefined || !raw.trim()) return undefined;
  const value = normalize(raw);
  if (value === null) warnings.push({ path, message: `${reason}: dropped` });
  return value ?? undefined;
}

/** `YYYY-MM-DD`, `YYYYMMDD` or the US `M/D/YYYY` of Meta's example → `YYYYMMDD` of a real date from 1900 on. */
export function normalizeDateOfBirth(raw: string): string | null {
  const text = raw.trim();
  let parts: [string, string, string] | undefined;
  let m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (m) parts = [m[1]!, m[2]!, m[3]!];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) parts = [m[3]!, m[1]!.padStart(2, '0'), m[2]!.padStart(2, '0')];
  if (!parts) return null;
  const [y, mo, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) return null;
  return parts.join('');
}

const GENDERS: Record<string, 'f' | 'm'> = { f: 'f', female: 'f', woman: 'f', w: 'f', m: 'm', male: 'm', man: 'm' };

export function normalizeGender(raw: string): 'f' | 'm' | null {
  return GENDERS[raw.trim().toLowerCase()] ?? null;
}

export function normalizeIdentity(input: EnvelopeUser | undefined, options: IdentityOptions): { identity: NormalizedIdentity; warnings: Issue[] } {
  const warnings: Issue[] = [];
  const identity: NormalizedIdentity = { emails: [], phones: [], externalIds: [] };
  if (!input) return { identity, warnings };
  const set = <K extends keyof NormalizedIdentity>(key: K, value: NormalizedIdentity[K] | undefined) => {
    if (value !== undefined) identity[key] = value;
  };
  if (options.sendUserData) {
    const country = input.country ? normalizeCountry(input.country) ?? undefined : undefined;
    const hint = toCountryCode(country);
    if (input.country && !hint) warnings.push({ path: 'user.country', message: 'not an ISO 3166-1 alpha-2 country code: ignored as a phone hint' });
    identity.emails = hashedAll(input.email, 'user.email', hashedEmail, EMAIL_REASON, warnings);
    if (input.phone !== undefined) {
      const countries = [hint, options.defaultCountry];
      const hintKey = `${hint ?? ''},${options.defaultCountry ?? ''}`;
      identity.phones = hashedAll(input.phone, 'user.phone', (v) => hashedPhone(v, countries, hintKey), PHONE_REASON, warnings);
    }
    identity.externalIds = hashedAll(input.externalId, 'user.externalId', hashedExternalId, 'empty', warnings);
    set('firstName', one(input.firstName, 'user.firstName', normalizeName, 'empty', warnings));
    set('lastName', one(input.lastName, 'user.lastName', normalizeName, 'empty', warnings));
    set('zip', one(input.zip, 'user.zip', normalizeZip, 'empty', warnings));
    set('city', clean(input.city, 'user.city', normalizePlace, 'empty', warnings));
    set('state', clean(input.state, 'user.state', normalizePlace, 'empty', warnings));
    set('country', country);
    set('dateOfBirth', clean(input.dateOfBirth, 'user.dateOfBirth', normalizeDateOfBirth, 'not a date (YYYY-MM-DD)', warnings));
    set('gender', clean(input.gender, 'user.gender', normalizeGender, 'not f or m', warnings) as 'f' | 'm' | undefined);
  }
  set('ttclid', clean(input.ttclid, 'user.ttclid', normalizeOpaque, 'too long', warnings));
  set('ttp', clean(input.ttp, 'user.ttp', normalizeOpaque, 'too long', warnings));
  set('fbc', clean(input.fbc, 'user.fbc', normalizeOpaque, 'too long', warnings));
  set('fbp', clean(input.fbp, 'user.fbp', normalizeOpaque, 'too long', warnings));
  set('gclid', clean(input.gclid, 'user.gclid', normalizeOpaque, 'too long', warnings));
  set('gbraid', clean(input.gbraid, 'user.gbraid', normalizeOpaque, 'too long', warnings));
  set('wbraid', clean(input.wbraid, 'user.wbraid', normalizeOpaque, 'too long', warnings));
  set('ip', clean(input.ip, 'user.ip', normalizeIp, 'not an IPv4 or IPv6 address', warnings));
  set('userAgent', clean(input.userAgent, 'user.userAgent', normalizeOpaque, 'too long', warnings));
  set('locale', clean(input.locale, 'user.locale', normalizeLocale, 'not a BCP-47 language tag', warnings));
  return { identity, warnings };
}
