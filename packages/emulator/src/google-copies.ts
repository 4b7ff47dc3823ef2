/**
 * The Google stand-in's records adapted into the normalised copies the pairing reads (see
 * pair-copies.ts). Google deduplicates a tag conversion and a Data Manager event on the
 * conversion action + transaction id (reference B5), but the tag names its conversion by its
 * `send_to` label (`AW-…/label`) and the server copy by the conversion action id, and nothing
 * the stand-in sees maps one to the other. So the pair key is the transaction id within the
 * Google Ads account: a tag copy takes the operating account of the server copy that carries
 * its transaction id (the one closest in time when several accounts do), and otherwise its tag
 * id. Google has no event name, so both sides are `conversion`; each side keeps what it was
 * addressed to (`target`: the label, the conversion action) for the page, and repeats count per
 * conversion action.
 *
 * Correct by design: a tag conversion sent while ad_storage is denied goes out without cookies
 * and is still a browser copy; a tag that itself saw ad_user_data denied is not a consent
 * mismatch; a server copy declaring CONSENT_DENIED explains a missing tag copy. `validateOnly`
 * events are validated and not ingested: they never pair and are only counted (`notIngested`).
 * Data Manager events name no page, so no page consent trail is needed.
 */
import type { ConsentStatus } from './google/contract/types.js';
import type { GtagCall } from './google/gtag/gtag-call.js';
import type { GoogleAcceptedEvent } from './google/records.js';
import type { CopySet, DeclaredConsent, PixelCopy, ServerCopy } from './pair-copies.js';

/** Google has no event name: the conversion action is the event's identity. */
export const GOOGLE_EVENT = 'conversion';

function declared(value: ConsentStatus | null): DeclaredConsent {
  return value === 'CONSENT_GRANTED' ? 'granted' : value === 'CONSENT_DENIED' ? 'denied' : 'not_stated';
}

export function googleServerCopy(e: GoogleAcceptedEvent): ServerCopy {
  return {
    destination: 'google',
    account: e.operatingAccount,
    event: GOOGLE_EVENT,
    eventId: e.transactionId,
    at: e.at,
    eventTimeMs: e.eventTime,
    requestId: e.requestId,
    testEventCode: null,
    keys: {
      email: e.identifiers.email, phone: e.identifiers.phone, address: e.identifiers.address,
      gclid: e.adIdentifiers.gclid, gbraid: e.adIdentifiers.gbraid, wbraid: e.adIdentifiers.wbraid,
      ip: e.ipAddress, user_agent: e.userAgent,
    },
    consent: { adUserData: declared(e.consent.adUserData), adPersonalization: declared(e.consent.adPersonalization), limitedDataUse: null },
    pageUrl: null,
    browserId: null,
    raw: { adUserData: e.consent.adUserData, adPersonalization: e.consent.adPersonalization, conversionAction: e.conversionAction, duplicate: e.duplicate },
    target: e.conversionAction,
  };
}

function pixelConsent(c: GtagCall): PixelCopy['consent'] {
  if (c.status === 'held') return 'held';
  return c.consent.ad_user_data === 'denied' ? 'revoked' : c.consent.ad_user_data === 'granted' ? 'granted' : 'default';
}

/** transaction id → the server copies' operating accounts with their arrival, to place each tag copy in its account. */
function accountsByTransaction(server: readonly ServerCopy[]): Map<string, Array<{ account: string; at: number }>> {
  const out = new Map<string, Array<{ account: string; at: number }>>();
  for (const s of server) {
    if (s.eventId === null) continue;
    const list = out.get(s.eventId);
    if (!list) out.set(s.eventId, [{ account: s.account, at: s.at }]);
    else if (!list.some((x) => x.account === s.account)) list.push({ account: s.account, at: s.at });
  }
  return out;
}

function accountFor(byTransaction: ReturnType<typeof accountsByTransaction>, c: GtagCall): string | null {
  const candidates = c.transactionId === null ? undefined : byTransaction.get(c.transactionId);
  if (!candidates) return c.tagId;
  let best = candidates[0]!;
  for (const x of candidates) if (Math.abs(x.at - c.at) < Math.abs(best.at - c.at)) best = x;
  return best.account;
}

/** Google Ads conversions only (not GA4 events); the last record of a callId is its final state (held, then released). */
export function googlePixelCopies(calls: readonly GtagCall[], server: readonly ServerCopy[] = []): PixelCopy[] {
  const byCall = new Map<string, GtagCall>();
  for (const c of calls) {
    if (c.command === 'event' && c.conversion && (c.status === 'sent' || c.status === 'cookieless' || c.status === 'held')) byCall.set(c.callId, c);
  }
  const byTransaction = accountsByTransaction(server);
  return [...byCall.values()].map((c) => ({
    destination: 'google',
    account: accountFor(byTransaction, c),
    event: GOOGLE_EVENT,
    eventId: c.transactionId,
    callId: c.callId,
    at: c.at,
    status: c.status === 'held' ? 'held' : 'sent',
    consent: pixelConsent(c),
    keys: {
      email: c.identity.email !== undefined,
      phone: c.identity.phone_number !== undefined || c.identity.phone !== undefined,
      address: c.identity.address !== undefined,
    },
    browserId: null,
    pageUrl: c.url,
    auto: false,
    target: c.sendTo,
    cookieless: c.status === 'cookieless',
  }));
}

export function googleCopies(records: { events: readonly GoogleAcceptedEvent[]; tag: readonly GtagCall[] }): CopySet {
  const ingested = records.events.filter((e) => !e.validateOnly);
  const server = ingested.map(googleServerCopy);
  return { server, pixel: googlePixelCopies(records.tag, server), consent: [], notIngested: records.events.length - ingested.length };
}
