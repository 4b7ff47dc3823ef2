/**
 * Meta's `user_data` from the shared normalised identity, by Meta's own rules
 * (customer-information parameters, destinations.md A4): email as normalised (no Gmail rule);
 * phone as digits with the country code and NO `+` (`+16505551212` → `16505551212`, one parse
 * shared with TikTok); names lower-case without punctuation; zip without spaces, US zips cut to
 * five digits; US states as their two-letter code; country, date of birth and gender hashed too.
 * A phone the app hashed itself was hashed with the `+` (the envelope's rule): it cannot be
 * re-formatted for Meta, so Meta does not get it (a warning says so).
 */
import type { NormalizedEvent } from '../../envelope/normalized-event.js';
import type { Identifier } from '../../normalize/identity.js';
import { digestList, hashNormalized } from '../../normalize/hash.js';
import type { Issue } from '../../types.js';
import { usStateCode } from './us-states.js';
import type { MetaUserData } from './wire.js';

const metaName = (id: Identifier) => (id.prehashed ? id.value : id.value.replace(/[\p{P}\p{S}\s]/gu, ''));

export function metaUserData(event: NormalizedEvent, warnings: Issue[]): MetaUserData {
  const id = event.identity;
  const user: MetaUserData = {};
  const set = <K extends keyof MetaUserData>(key: K, value: MetaUserData[K] | undefined | null | '') => {
    if (value !== undefined && value !== null && value !== '') user[key] = value;
  };
  if (event.decision.sendUserData) {
    set('em', digestList(id.emails));
    const phones: { sha256: string }[] = [];
    for (const p of id.phones) if (p.digitsSha256 !== undefined) phones.push({ sha256: p.digitsSha256 });
    if (phones.length < id.phones.length) warnings.push({ path: 'user.phone', message: 'a pre-hashed phone cannot be re-formatted for Meta (it hashes the digits without +): not sent to Meta' });
    set('ph', digestList(phones));
    set('external_id', digestList(id.externalIds));
    set('fn', id.firstName && hashNormalized(metaName(id.firstName)));
    set('ln', id.lastName && hashNormalized(metaName(id.lastName)));
    const us = id.country === 'us' || id.country === undefined;
    if (id.zip) set('zp', hashNormalized(id.zip.prehashed || !us || !/^\d{5}/.test(id.zip.value) ? id.zip.value : id.zip.value.slice(0, 5)));
    set('ct', id.city && hashNormalized(id.city));
    if (id.state) set('st', hashNormalized((us && usStateCode(id.state)) || id.state));
    set('country', id.country && hashNormalized(id.country));
    set('db', id.dateOfBirth && hashNormalized(id.dateOfBirth));
    set('ge', id.gender && hashNormalized(id.gender));
    set('fbc', id.fbc);
    set('fbp', id.fbp);
  }
  // Device context: the minimum Meta needs to count a website event, sent even when personal data is withheld.
  set('client_ip_address', id.ip);
  set('client_user_agent', id.userAgent);
  return user;
}
