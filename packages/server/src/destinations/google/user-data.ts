/**
 * Google's identifiers from the shared normalised identity, by Google's rules
 * (destinations.md B6): email with the Gmail/Googlemail rule on top of trim + lower-case, phone
 * as E.164 WITH its `+` (the same parse TikTok uses), names lower-case without prefixes and
 * suffixes, all SHA-256 hex (`encoding: HEX`); region and postal code plain. An email the app
 * hashed itself may or may not have had the Gmail rule applied, so Google does not get it.
 */
import type { NormalizedIdentity } from '../../normalize/identity.js';
import { hashNormalized } from '../../normalize/hash.js';
import type { Issue } from '../../types.js';
import type { GoogleUserIdentifier } from './wire.js';

/** Data Manager takes at most ten identifiers per event. */
const MAX_IDENTIFIERS = 10;
const AFFIXES = /^(mr|mrs|ms|miss|dr|prof)\.?\s+|\s+(jr|sr|ii|iii|iv|md|phd|dds|esq)\.?$/g;

const googleName = (name: string) => name.replace(AFFIXES, '').trim();

export function googleIdentifiers(id: NormalizedIdentity, warnings: Issue[]): GoogleUserIdentifier[] {
  const out: GoogleUserIdentifier[] = [];
  const seen = new Set<string>();
  const add = (identifier: GoogleUserIdentifier, key: string) => {
    if (out.length < MAX_IDENTIFIERS && !seen.has(key)) {
      seen.add(key);
      out.push(identifier);
    }
  };
  if (id.emails.some((e) => e.prehashed)) warnings.push({ path: 'user.email', message: "a pre-hashed email may not follow Google's Gmail rule: not sent to Google" });
  for (const e of id.emails) if (e.googleSha256 !== undefined) add({ emailAddress: e.googleSha256 }, `e${e.googleSha256}`);
  for (const p of id.phones) add({ phoneNumber: p.sha256 }, `p${p.sha256}`);
  if (id.firstName && id.lastName && id.country && id.zip && !id.zip.prehashed) {
    const givenName = id.firstName.prehashed ? id.firstName.value : hashNormalized(googleName(id.firstName.value));
    const familyName = id.lastName.prehashed ? id.lastName.value : hashNormalized(googleName(id.lastName.value));
    add({ address: { givenName, familyName, regionCode: id.country.toUpperCase(), postalCode: id.zip.value.toUpperCase() } }, 'a');
  }
  return out;
}
