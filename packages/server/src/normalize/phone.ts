/**
 * Phone rule (TikTok v1.3): E.164 WITH the leading `+`, then SHA-256. TikTok's example
 * `(+1)2133734253` → `+12133734253`. Parsing uses libphonenumber-js with the full metadata
 * (server side, so accuracy beats size): the envelope's `user.country` hint first, then the
 * configured default country. A number that is not valid for any of them returns null and is
 * dropped with a warning rather than hashed into a key that can never match.
 */
import { isSha256Hex } from '@pixelpair/core';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type { CountryCode };

/** Upper-cased ISO 3166-1 alpha-2 code when libphonenumber knows it, else undefined. */
export function toCountryCode(value: string | undefined): CountryCode | undefined {
  const code = value?.trim().toUpperCase();
  return code && isSupportedCountry(code) ? (code as CountryCode) : undefined;
}

function parseE164(raw: string, country?: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, country ? { defaultCountry: country } : undefined);
  return parsed && parsed.isValid() ? parsed.number : null;
}

export function normalizePhone(raw: string, countries: ReadonlyArray<CountryCode | undefined> = []): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  if (isSha256Hex(trimmed)) return trimmed.toLowerCase();
  // `+49 (0)30 …`: the bracketed trunk zero is dialled only nationally.
  const value = trimmed.replace(/\(0\)/g, ' ');
  const hints = [...new Set(countries.filter((c): c is CountryCode => c !== undefined))];
  const digits = value.replace(/\D/g, '');
  // `(+1)2133734253` and `+1 213…`: an explicit country code wins over any hint.
  if (value.replace(/[\s().-]/g, '').startsWith('+')) return parseE164(`+${digits}`);
  for (const country of hints) {
    const e164 = parseE164(value, country);
    if (e164) return e164;
  }
  // `0049…`: the international prefix most of the world uses, whatever the hint says.
  if (digits.startsWith('00')) return parseE164(`+${digits.slice(2)}`);
  // No usable hint: a long digit string is most likely international without its `+`.
  if (hints.length === 0 && digits.length >= 10) return parseE164(`+${digits}`);
  return null;
}
