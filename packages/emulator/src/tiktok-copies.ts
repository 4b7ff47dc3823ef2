/**
 * TikTok's records adapted into the normalised copies the pairing reads: accepted Events API
 * events become server copies, the pixel stub's `track`/`page` calls pixel copies, and its
 * holdConsent/grantConsent/revokeConsent calls the page's consent trail. Meta's and Google's
 * stand-ins write the same three lists from their own records (see pair-copies.ts).
 */
import { toConsentValue } from '@pixelpair/core';
import type { AcceptedEvent } from './records.js';
import type { PixelCall } from './pixel/pixel-call.js';
import type { BrowserConsent, CopySet, DeclaredConsent, PixelCopy, ServerCopy } from './pair-copies.js';

const CONSENT_CALLS: Record<string, BrowserConsent['state']> = { holdConsent: 'held', grantConsent: 'granted', revokeConsent: 'revoked' };

/** `GRANTED` / `DENIED` as pixelpair forwards them in properties; anything else was not stated. */
function declared(value: unknown): DeclaredConsent {
  if (value === undefined || value === null) return 'not_stated';
  const v = toConsentValue(value);
  return v === 'unknown' ? 'not_stated' : v;
}

/** The stub's callId is `<page load>-<n>`: the page load, and the call's order in it. */
function pageOf(callId: string): { page: string; step: number } {
  const dash = callId.lastIndexOf('-');
  return dash > 0 ? { page: callId.slice(0, dash), step: Number(callId.slice(dash + 1)) || 0 } : { page: callId, step: 0 };
}

export function tiktokServerCopy(e: AcceptedEvent): ServerCopy {
  return {
    destination: 'tiktok',
    account: e.pixelId,
    event: e.event,
    eventId: e.eventId,
    at: e.at,
    eventTimeMs: e.eventTime * 1000,
    requestId: e.requestId,
    testEventCode: e.testEventCode,
    keys: { ...e.keys },
    consent: { adUserData: declared(e.adUserData), adPersonalization: declared(e.adPersonalization), limitedDataUse: e.limitedDataUse },
    pageUrl: e.body?.page?.url ?? null,
    browserId: e.ttp,
    raw: { limitedDataUse: e.limitedDataUse, adUserData: e.adUserData, adPersonalization: e.adPersonalization },
  };
}

/**
 * One copy per user action: a held call released by grantConsent is recorded twice under one
 * callId (held, then sent), so the last record of a callId is its final state.
 */
export function tiktokPixelCopies(calls: readonly PixelCall[]): PixelCopy[] {
  const byCall = new Map<string, PixelCall>();
  for (const call of calls) {
    if ((call.method === 'track' || call.method === 'page') && call.event !== null && call.status !== 'recorded') byCall.set(call.callId, call);
  }
  return [...byCall.values()].map((c) => ({
    destination: 'tiktok',
    account: c.pixelId,
    event: c.event!,
    eventId: c.eventId,
    callId: c.callId,
    at: c.at,
    status: c.status as PixelCopy['status'],
    consent: c.consent,
    keys: {
      email: c.identity.email !== undefined,
      phone_number: c.identity.phone_number !== undefined,
      external_id: c.identity.external_id !== undefined,
      ttp: !!c.ttp,
    },
    browserId: c.ttp,
    pageUrl: c.url,
    auto: c.auto,
  }));
}

export function tiktokConsentTrail(calls: readonly PixelCall[]): BrowserConsent[] {
  const out: BrowserConsent[] = [];
  for (const c of calls) {
    const state = CONSENT_CALLS[c.method];
    if (state) out.push({ destination: 'tiktok', account: c.pixelId, at: c.at, pageUrl: c.url, ...pageOf(c.callId), state });
  }
  return out;
}

export function tiktokCopies(records: { events: readonly AcceptedEvent[]; pixelCalls: readonly PixelCall[] }): CopySet {
  return {
    server: records.events.map(tiktokServerCopy),
    pixel: tiktokPixelCopies(records.pixelCalls),
    consent: tiktokConsentTrail(records.pixelCalls),
  };
}
