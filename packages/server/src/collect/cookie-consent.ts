/**
 * The cookie rule (issue 12, finding 9): the collect handler writes a click id or `_ttp` on
 * the device only when storage is allowed: the hand-off's `adStorage` when the tag reports
 * it (TCF purpose 1, Consent Mode ad_storage), else its `adUserData` (TCF purposes 1+7),
 * read through the same consent policy as the server copy (granted → set; denied → not set,
 * and click-id cookies the request still carries are cleared; unknown → not set in an opt-in
 * region, set elsewhere).
 */
import type { Handoff } from '@pixelpair/core';
import { decideConsent, type ConsentPolicyOptions } from '../consent-policy.js';
import { expiredCookieHeaders, persistentCookieHeaders, type CookieOptions } from '../context/cookies.js';
import { parseCookies, type RequestContext } from '../context/request-context.js';

type HandoffConsent = Handoff['context']['consent'] & { adStorage?: 'granted' | 'denied' | 'unknown' };

export function storageAllowed(consent: HandoffConsent, options: ConsentPolicyOptions | undefined): boolean {
  const storage = consent.adStorage ?? consent.adUserData;
  return decideConsent({ adUserData: storage, adPersonalization: 'unknown', ...(consent.region ? { region: consent.region } : {}) }, options).adUserData !== 'denied';
}

/** `Set-Cookie` values for an accepted hand-off: the ids when storage is allowed, expiries after a denial, else none. */
export function clickIdCookies(consent: HandoffConsent, ctx: Pick<RequestContext, 'ttclid' | 'ttp'>, cookieHeader: string | null, cookies: CookieOptions, policy: ConsentPolicyOptions | undefined): string[] {
  if (storageAllowed(consent, policy)) return persistentCookieHeaders(ctx, cookies);
  if ((consent.adStorage ?? consent.adUserData) === 'denied') return expiredCookieHeaders(Object.keys(parseCookies(cookieHeader)), cookies);
  return [];
}
