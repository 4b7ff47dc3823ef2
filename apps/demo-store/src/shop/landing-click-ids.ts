/**
 * The click ids a landing URL brought (`?ttclid=`, `?fbclid=` → fbc, `?gclid=` / `gbraid` /
 * `wbraid`), kept on the visitor's cart record on the server whatever the banner says.
 *
 * Why regardless of the choice: storage consent (ad_storage) is about writing a marketing id on
 * the *device*, and that stays as strict as before: the click-id cookies are written only with
 * it (click-id-cookie.ts). The click id itself arrived in the URL the browser sent us; keeping
 * it with the shop's own record writes nothing new on the device (the cart's random id, a
 * necessary cookie, is the only link). What each server copy may then carry is the server
 * twin's consent policy, per platform, per event: under ad_user_data denied TikTok keeps the
 * ttclid and drops email, phone and external id; Google keeps the gclid (its own tag sends it
 * cookieless too) flagged CONSENT_DENIED, without user identifiers; Meta drops fbc and fbp.
 */
import { UNKNOWN_CONSENT } from '@pixelpair/core';
import type { ClickIds } from './click-id-cookie.js';
import type { StoredContext } from './stored-context.js';

const GOOGLE_KEYS = ['gclid', 'gbraid', 'wbraid'] as const;

/** The cart's context with the landing's click ids on it (the newest click wins); a cart without one gets a request-only context. */
export function keepLandingClickIds(previous: StoredContext | undefined, ids: ClickIds, now = new Date()): StoredContext {
  const base: StoredContext = previous ?? { page: {}, consent: { ...UNKNOWN_CONSENT }, capturedAt: now.toISOString(), source: 'request' };
  const kept: StoredContext = { ...base, page: { ...base.page } };
  // A new Google click replaces all three of the old one's ids (Google prefers a gclid, even a stale one).
  if (ids.gclid || ids.gbraid || ids.wbraid) for (const key of GOOGLE_KEYS) delete kept[key];
  return { ...kept, ...ids };
}

export const hasClickIds = (ids: ClickIds): boolean => Object.values(ids).some(Boolean);
