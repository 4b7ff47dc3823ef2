/**
 * Phone rule (TikTok v1.3): E.164 WITH the leading `+`, then SHA-256. TikTok's example
 * `(+1)2133734253` → `+12133734253`. Parsing uses libphonenumber-js with the full metadata
 * (server side, so accuracy beats size), and the library sees the text as given: it reads a
 * `tel:` URI, an extension written out (`ext. 12`, `extension 12`, `x12`), digits of other
 * scripts (Arabic-Indic, full-width) and the international prefix of the hint's country
 * (`011` in the US, `00` in Germany) better than any pre-processing could. pixelpair adds only
 * what the library does not have: the bracketed `(0)` trunk, the hint order (the envelope's
 * `user.country` first, then the configured default country), `00…` whatever the hint, and a
 * long digit string without any hint read as international. A number that is not valid for
 * any of them returns null and is dropped with a warning rather than hashed into a key that
 * can never match. One parse per number in the common case; validity is checked with
 * compiled patterns (phone-validity.ts), not by a second pass through the library.
 */
import { isSha256Hex } from '@pixelpair/core';
import { isSupportedCountry, parseIncompletePhoneNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isValidNumber } from './phone-validity.js';

export type { CountryCode };

/** Upper-cased ISO 3166-1 alpha-2 code when libphonenumber knows it, else undefined. */
export function toCountryCode(value: string | undefined): CountryCode | undefined {
  const code = value?.trim().toUpperCase();
  return code && isSupportedCountry(code) ? (code as CountryCode) : undefined;
}

/** One options object per country, not one per parse. */
const optionsFor = new Map<CountryCode, { defaultCountry: CountryCode }>();

function e164(text: string, country: CountryCode | undefined): string | null {
  let options = country && optionsFor.get(country);
  if (country && !options) optionsFor.set(country, (options = { defaultCountry: country }));
  const parsed = options ? parsePhoneNumberFromString(text, options) : parsePhoneNumberFromString(text);
  return parsed && isValidNumber(parsed) ? parsed.number : null;
}

/** A `+` before the first digit (`+49…`, `(+1)…`, `tel:+1-…`, full-width `＋`): the number brings its own country code. */
function explicitlyInternational(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2b || c === 0xff0b) return true;
    // any decimal digit, of any script, ends the search (ASCII fast, the rest by Unicode property)
    if ((c >= 0x30 && c <= 0x39) || (c > 0x7f && /\p{Nd}/u.test(text[i]!))) return false;
  }
  return false;
}

export function normalizePhone(raw: string, countries: ReadonlyArray<CountryCode | undefined> = []): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  if (isSha256Hex(trimmed)) return trimmed.toLowerCase();
  // `+49 (0)30 …`: the bracketed trunk zero is dialled only nationally.
  const value = trimmed.includes('(0)') ? trimmed.replace(/\(0\)/g, ' ') : trimmed;
  let first: CountryCode | undefined;
  let hinted = false;
  for (const country of countries) {
    if (country === undefined || country === first) continue;
    if (!hinted) {
      first = country;
      hinted = true;
      const found = e164(value, country);
      if (found) return found;
      // an explicit country code wins over any hint: no other reading is tried
      if (explicitlyInternational(value)) return null;
    } else {
      const found = e164(value, country);
      if (found) return found;
    }
  }
  if (!hinted) {
    const found = e164(value, undefined);
    if (found || explicitlyInternational(value)) return found;
  }
  // The library's digits (any script), without the extension it would have read.
  const digits = parseIncompletePhoneNumber(value.replace(/(?:e?xt(?:ension|\.)?|#|x|;).*$/i, ''));
  // `0049…`: the international prefix most of the world uses, whatever the hint says.
  if (digits.startsWith('00')) return e164(`+${digits.slice(2)}`, undefined);
  // No usable hint: a long digit string is most likely international without its `+`.
  if (!hinted && digits.length >= 10 && !digits.startsWith('+')) return e164(`+${digits}`, undefined);
  return null;
}
