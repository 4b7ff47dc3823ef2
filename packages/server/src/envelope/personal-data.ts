/**
 * Personal data only ever leaves hashed, under `user` (issue 12, finding 4). These are the
 * server's checks for everything that would leave unhashed: property names and values, ids,
 * page URLs. Built on core's linear `looksLikeEmail` / `looksLikePhone`.
 */
import { looksLikePersonalData } from '@pixelpair/core';

/** Identity keys that belong in `user` (compared lower-cased, without `_` and `-`). */
const IDENTITY_NAMES = new Set([
  'email', 'emails', 'emailaddress', 'mail', 'phone', 'phones', 'phonenumber', 'mobile', 'tel', 'externalid', 'sha256email', 'sha256phone', 'sha256phonenumber',
  'firstname', 'lastname', 'fullname', 'zip', 'zipcode', 'postcode', 'postalcode',
]);

export function isIdentityKey(key: string): boolean {
  return key.length <= 64 && IDENTITY_NAMES.has(key.toLowerCase().replace(/[_-]/g, ''));
}

export const PERSONAL_VALUE = 'looks like an email address or phone number: personal data only leaves hashed, under user';
export const IDENTITY_KEY = 'personal data belongs in user (it is hashed there), never in properties';

/** For zod refinements: true when the text carries no email address and is not a phone number. */
export const notPersonal = (text: string): boolean => !looksLikePersonalData(text);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a malformed escape: the raw text is checked
  }
}

/** The text as given, percent-decoded, and form-decoded (`+` as a space): personal data in any of them counts. */
function carriesPersonalData(text: string): boolean {
  if (looksLikePersonalData(text)) return true;
  // Without a `%` or a `+` both decodings are the text itself: no second and third scan.
  const plus = text.includes('+');
  if (!plus && !text.includes('%')) return false;
  return looksLikePersonalData(decoded(text)) || (plus && looksLikePersonalData(decoded(text.replace(/\+/g, ' '))));
}

/**
 * A page URL without the parts that carry personal data: query parameters whose name or
 * value is an email or phone number (`?email=alice%40example.com`, a newsletter link) are
 * removed, as are such a fragment, path or user info. The rest is kept as given, so
 * attribution by URL still works. Not a URL and personal → dropped (undefined).
 */
export function withoutPersonalData(raw: string): string | undefined {
  if (!carriesPersonalData(raw)) return raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  url.username = '';
  url.password = '';
  for (const [name, value] of [...url.searchParams]) {
    if (carriesPersonalData(name) || carriesPersonalData(value)) url.searchParams.delete(name, value);
  }
  if (carriesPersonalData(url.hash)) url.hash = '';
  if (carriesPersonalData(url.pathname)) url.pathname = '/';
  const cleaned = url.href;
  if (!carriesPersonalData(cleaned)) return cleaned;
  return url.origin === 'null' ? undefined : `${url.origin}/`;
}
