/**
 * The Meta stand-in's records adapted into the normalised copies the pairing reads (see
 * pair-copies.ts; tiktok-copies.ts is the worked example). The pair key is Meta's own dedup key
 * (reference A6): pixel id + `event_name` + `event_id` on the Conversions API side, pixel id +
 * `fbq('track', name)` + `{ eventID }` on the browser side.
 *
 * What is correct by design here: after `fbq('consent', 'revoke')` the pixel holds its fires
 * (held), and calls still held when the page goes away are dropped; both read "not sent, by
 * consent". Calls dropped for a page mistake (`no_pixel`: a fire before init; `unknown_pixel`:
 * trackSingle to a pixel never inited) never reached Meta and are not consent, so they are left
 * out: the server copy then reads as having no browser copy, which is what Meta sees.
 *
 * Meta has no consent field (A9): a server copy declares nothing about ad data; `opt_out: true`
 * (attribution only, what pixelpair sends when personalised ads are refused) reads as
 * personalised ads refused, and `data_processing_options` as Limited Data Use.
 */
import type { MetaAcceptedEvent } from './meta/meta-records.js';
import type { MetaPixelCall } from './meta/pixel-call.js';
import type { BrowserConsent, CopySet, DeclaredConsent, PixelCopy, ServerCopy } from './pair-copies.js';

const FIRES = new Set(['track', 'trackCustom', 'trackSingle', 'trackSingleCustom']);
/** Drop reasons that are page mistakes, not consent. */
const NOT_CONSENT = new Set(['no_pixel', 'unknown_pixel']);
const CONSENT_ACTIONS: Record<string, BrowserConsent['state']> = { revoke: 'revoked', grant: 'granted' };

/** The stub's callId is `<page load>-<n>`. */
function pageOf(callId: string): { page: string; step: number } {
  const dash = callId.lastIndexOf('-');
  return dash > 0 ? { page: callId.slice(0, dash), step: Number(callId.slice(dash + 1)) || 0 } : { page: callId, step: 0 };
}

/** `data_processing_options` as sent: absent → not set, `[]` → off, `["LDU"]` → on. The compact record only knows on. */
function limitedDataUse(e: MetaAcceptedEvent): boolean | null {
  if (e.body) return e.body.data_processing_options === undefined ? null : e.body.data_processing_options[0] === 'LDU';
  return e.limitedDataUse ? true : null;
}

function personalisation(optOut: boolean | null): DeclaredConsent {
  return optOut === true ? 'denied' : optOut === false ? 'granted' : 'not_stated';
}

export function metaServerCopy(e: MetaAcceptedEvent): ServerCopy {
  const k = e.keys;
  return {
    destination: 'meta',
    account: e.pixelId,
    event: e.event,
    eventId: e.eventId,
    at: e.at,
    eventTimeMs: e.eventTime * 1000,
    requestId: e.fbtraceId,
    testEventCode: e.testEventCode,
    keys: {
      em: k.em, ph: k.ph, external_id: k.external_id, fbc: k.fbc, fbp: k.fbp,
      client_ip_address: k.client_ip_address, client_user_agent: k.client_user_agent,
    },
    consent: { adUserData: 'not_stated', adPersonalization: personalisation(e.optOut), limitedDataUse: limitedDataUse(e) },
    pageUrl: e.eventSourceUrl,
    browserId: e.fbp,
    raw: { optOut: e.optOut, limitedDataUse: e.limitedDataUse, lduCountry: e.lduCountry, lduState: e.lduState, apiVersion: e.apiVersion },
  };
}

/** One copy per fire and pixel: a held fire released by grant is recorded again under its callId, so the last record wins. */
export function metaPixelCopies(calls: readonly MetaPixelCall[]): PixelCopy[] {
  const byCall = new Map<string, MetaPixelCall>();
  for (const call of calls) {
    if (!FIRES.has(call.method) || call.event === null || call.status === 'recorded') continue;
    if (call.status === 'dropped' && NOT_CONSENT.has(call.reason ?? '')) continue;
    byCall.set(call.callId, call);
  }
  return [...byCall.values()].map((c) => ({
    destination: 'meta',
    account: c.pixelId,
    event: c.event!,
    eventId: c.eventId,
    callId: c.callId,
    at: c.at,
    status: c.status as PixelCopy['status'],
    consent: c.consent,
    keys: {
      em: c.advancedMatching.em !== undefined,
      ph: c.advancedMatching.ph !== undefined,
      external_id: c.advancedMatching.external_id !== undefined,
      fbc: !!c.fbc,
      fbp: !!c.fbp,
    },
    browserId: c.fbp,
    pageUrl: c.url,
    auto: false,
  }));
}

/** `fbq('consent', 'revoke' | 'grant')`, for every pixel on the page. Meta has one paused state, so revoke reads as a refusal. */
export function metaConsentTrail(calls: readonly MetaPixelCall[]): BrowserConsent[] {
  const out: BrowserConsent[] = [];
  for (const c of calls) {
    const state = c.method === 'consent' ? CONSENT_ACTIONS[String(c.options?.action)] : undefined;
    if (state) out.push({ destination: 'meta', account: c.pixelId, at: c.at, pageUrl: c.url, ...pageOf(c.callId), state });
  }
  return out;
}

export function metaCopies(records: { events: readonly MetaAcceptedEvent[]; pixel: readonly MetaPixelCall[] }): CopySet {
  return {
    server: records.events.map(metaServerCopy),
    pixel: metaPixelCopies(records.pixel),
    consent: metaConsentTrail(records.pixel),
  };
}
