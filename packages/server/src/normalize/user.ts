/**
 * Builds the wire `user` object from the envelope's user: each identifier normalised by its
 * own rule and hashed; arrays supported (deduplicated after normalisation); invalid values
 * dropped with a warning that names the path, never the value. Personal data is skipped
 * entirely when the consent policy says no, so it is not even hashed.
 */
import { normalizeEmail, normalizeExternalId } from '@pixelpair/core';
import type { EnvelopeUser } from '../envelope/schema.js';
import type { Issue, TikTokUser } from '../types.js';
import { normalizeIp, normalizeLocale, normalizeOpaque } from './context-values.js';
import { hashNormalized } from './hash.js';
import { normalizeCountry, normalizeName, normalizePlace, normalizeZip } from './names.js';
import { normalizePhone, toCountryCode, type CountryCode } from './phone.js';

export interface UserOptions {
  defaultCountry?: CountryCode;
  sendUserData: boolean;
}

type Normalizer = (raw: string) => string | null;

function hashAll(raw: string | string[] | undefined, path: string, normalize: Normalizer, reason: string, warnings: Issue[]): string | string[] | undefined {
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  list.forEach((value, i) => {
    const normalized = normalize(value);
    if (normalized === null) {
      if (value.trim()) warnings.push({ path: Array.isArray(raw) ? `${path}[${i}]` : path, message: `${reason}: dropped` });
      return;
    }
    const hashed = hashNormalized(normalized);
    if (!out.includes(hashed)) out.push(hashed);
  });
  if (out.length === 0) return undefined;
  return out.length === 1 ? out[0] : out;
}

function hashOne(raw: string | undefined, path: string, normalize: Normalizer, reason: string, warnings: Issue[]): string | undefined {
  const out = hashAll(raw, path, normalize, reason, warnings);
  return Array.isArray(out) ? out[0] : out;
}

function clean(raw: string | undefined, path: string, normalize: Normalizer, reason: string, warnings: Issue[]): string | undefined {
  if (raw === undefined || !raw.trim()) return undefined;
  const value = normalize(raw);
  if (value === null) warnings.push({ path, message: `${reason}: dropped` });
  return value ?? undefined;
}

export function buildUser(input: EnvelopeUser | undefined, options: UserOptions): { user: TikTokUser; warnings: Issue[] } {
  const warnings: Issue[] = [];
  const user: TikTokUser = {};
  if (!input) return { user, warnings };
  const set = <K extends keyof TikTokUser>(key: K, value: TikTokUser[K] | undefined) => {
    if (value !== undefined) user[key] = value;
  };
  if (options.sendUserData) {
    const hint = toCountryCode(input.country);
    if (input.country && !hint) warnings.push({ path: 'user.country', message: 'not an ISO 3166-1 alpha-2 country code: ignored as a phone hint' });
    const countries = [hint, options.defaultCountry];
    set('email', hashAll(input.email, 'user.email', normalizeEmail, 'not a valid email', warnings));
    set('phone', hashAll(input.phone, 'user.phone', (v) => normalizePhone(v, countries), 'not a valid phone number for the country hint or default country', warnings));
    set('external_id', hashAll(input.externalId, 'user.externalId', normalizeExternalId, 'empty', warnings));
    set('first_name', hashOne(input.firstName, 'user.firstName', normalizeName, 'empty', warnings));
    set('last_name', hashOne(input.lastName, 'user.lastName', normalizeName, 'empty', warnings));
    set('zip_code', hashOne(input.zip, 'user.zip', normalizeZip, 'empty', warnings));
    set('city', clean(input.city, 'user.city', normalizePlace, 'empty', warnings));
    set('state', clean(input.state, 'user.state', normalizePlace, 'empty', warnings));
    set('country', input.country ? normalizeCountry(input.country) ?? undefined : undefined);
  }
  set('ttclid', clean(input.ttclid, 'user.ttclid', normalizeOpaque, 'too long', warnings));
  set('ttp', clean(input.ttp, 'user.ttp', normalizeOpaque, 'too long', warnings));
  set('ip', clean(input.ip, 'user.ip', normalizeIp, 'not an IPv4 or IPv6 address', warnings));
  set('user_agent', clean(input.userAgent, 'user.userAgent', normalizeOpaque, 'too long', warnings));
  set('locale', clean(input.locale, 'user.locale', normalizeLocale, 'not a BCP-47 language tag', warnings));
  return { user, warnings };
}
