/**
 * The captured context: what the browser saw at the edge of the session, handed to the
 * backend (JSON field, hidden form fields or a beacon) and stored on the cart/order, so the
 * server copy carries the browser's evidence instead of values invented at send time.
 */
import type { ConsentState } from './consent.js';

export interface PageContext {
  url?: string;
  referrer?: string;
}

export interface CapturedContext {
  /** TikTok click id from the landing URL, persisted in a first-party cookie. */
  ttclid?: string;
  /** The `_ttp` cookie, opaque and verbatim; never invented. */
  ttp?: string;
  userAgent?: string;
  page: PageContext;
  consent: ConsentState;
  /** ISO-8601 time of capture. */
  capturedAt: string;
}

/** What the browser sends to a collect endpoint: one action, its id, and the context. */
export interface Handoff {
  event: string;
  eventId: string;
  properties?: Record<string, unknown>;
  context: CapturedContext;
}

/**
 * Hidden form field names, shared by the browser (which writes them) and the server (which
 * reads them), so a classic form post carries the context without any JavaScript on submit.
 */
export const CONTEXT_FIELDS = {
  ttclid: 'pp_ttclid',
  ttp: 'pp_ttp',
  userAgent: 'pp_user_agent',
  pageUrl: 'pp_page_url',
  referrer: 'pp_referrer',
  adUserData: 'pp_ad_user_data',
  adPersonalization: 'pp_ad_personalization',
  region: 'pp_consent_region',
  cmpName: 'pp_cmp_name',
  cmpVersion: 'pp_cmp_version',
  decidedAt: 'pp_consent_time',
  capturedAt: 'pp_captured_at',
} as const;

/** Flattens a context into string fields named by CONTEXT_FIELDS; absent values are left out. */
export function contextToFields(ctx: CapturedContext): Record<string, string> {
  const F = CONTEXT_FIELDS;
  const pairs: Array<[string, string | undefined]> = [
    [F.ttclid, ctx.ttclid], [F.ttp, ctx.ttp], [F.userAgent, ctx.userAgent],
    [F.pageUrl, ctx.page.url], [F.referrer, ctx.page.referrer],
    [F.adUserData, ctx.consent.adUserData], [F.adPersonalization, ctx.consent.adPersonalization],
    [F.region, ctx.consent.region], [F.cmpName, ctx.consent.cmp?.name], [F.cmpVersion, ctx.consent.cmp?.version],
    [F.decidedAt, ctx.consent.decidedAt], [F.capturedAt, ctx.capturedAt],
  ];
  const out: Record<string, string> = {};
  for (const [key, value] of pairs) if (value) out[key] = value;
  return out;
}

/**
 * Rebuilds a context from form fields (the inverse of contextToFields). Values are taken
 * as strings only; unknown consent spellings become 'unknown'. Validation of lengths and
 * formats is the server's job.
 */
export function contextFromFields(fields: Record<string, unknown>): CapturedContext {
  const F = CONTEXT_FIELDS;
  const get = (key: string) => (typeof fields[key] === 'string' && fields[key] ? (fields[key] as string) : undefined);
  const consentValue = (key: string) => {
    const v = get(key);
    return v === 'granted' || v === 'denied' ? v : 'unknown';
  };
  const consent: ConsentState = { adUserData: consentValue(F.adUserData), adPersonalization: consentValue(F.adPersonalization) };
  const region = get(F.region);
  const cmpName = get(F.cmpName);
  const cmpVersion = get(F.cmpVersion);
  const decidedAt = get(F.decidedAt);
  if (region) consent.region = region;
  if (cmpName) consent.cmp = cmpVersion ? { name: cmpName, version: cmpVersion } : { name: cmpName };
  if (decidedAt) consent.decidedAt = decidedAt;
  const ctx: CapturedContext = { page: {}, consent, capturedAt: get(F.capturedAt) ?? '' };
  const ttclid = get(F.ttclid);
  const ttp = get(F.ttp);
  const userAgent = get(F.userAgent);
  const url = get(F.pageUrl);
  const referrer = get(F.referrer);
  if (ttclid) ctx.ttclid = ttclid;
  if (ttp) ctx.ttp = ttp;
  if (userAgent) ctx.userAgent = userAgent;
  if (url) ctx.page.url = url;
  if (referrer) ctx.page.referrer = referrer;
  return ctx;
}
