import { describe, expect, it } from 'vitest';
import { GOOGLE_EVENT, googleCopies, googlePixelCopies, googleServerCopy } from './google-copies.js';
import { toGtagCall, type GtagCall } from './google/gtag/gtag-call.js';
import type { GoogleAcceptedEvent } from './google/records.js';
import { pairCopies } from './pairing.js';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const ACCOUNT = '1234567890';
const OTHER_ACCOUNT = '5550001111';
const PURCHASE = '987654321';
const LEAD = '111222333';
const TAG = 'AW-123456789';
let seq = 0;

/** A gtag call as the collector parses the stub's beacon. */
function tag(body: Record<string, unknown>, at = T0): GtagCall {
  const parsed = toGtagCall({
    callId: `pg-${++seq}`, command: 'event', event: 'conversion', conversion: true, tagId: TAG, sendTo: `${TAG}/PurchaseLbl`, label: 'PurchaseLbl',
    transactionId: 'ord_1', transactionIdType: 'string', status: 'sent', url: 'https://shop.example/thanks', time: at,
    consent: { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: null }, ...body,
  }, seq, at, true);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

function ingested(over: Partial<GoogleAcceptedEvent> = {}): GoogleAcceptedEvent {
  return {
    seq: ++seq, at: T0 + 400, requestId: 'req-1', validateOnly: false, operatingAccount: ACCOUNT, loginAccount: null, conversionAction: PURCHASE,
    destinationReference: null, transactionId: 'ord_1', eventTimestamp: '2026-11-25T11:59:59Z', eventTime: T0 - 1000, eventSource: 'WEB',
    conversionValue: 42.5, currency: 'EUR', identifiers: { email: true, phone: false, address: true }, adIdentifiers: { gclid: true, gbraid: false, wbraid: false },
    gclid: 'EAIaIQob', consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_DENIED' }, ipAddress: false, userAgent: true, duplicate: false, ...over,
  };
}

describe('Google records adapted into copies', () => {
  it('turns an ingested Data Manager event into a server copy: the account, the transaction id, Google key names, consent as declared', () => {
    expect(googleServerCopy(ingested())).toEqual({
      destination: 'google', account: ACCOUNT, event: GOOGLE_EVENT, eventId: 'ord_1', at: T0 + 400, eventTimeMs: T0 - 1000, requestId: 'req-1', testEventCode: null,
      keys: { email: true, phone: false, address: true, gclid: true, gbraid: false, wbraid: false, ip: false, user_agent: true },
      consent: { adUserData: 'granted', adPersonalization: 'denied', limitedDataUse: null },
      pageUrl: null, browserId: null, raw: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_DENIED', conversionAction: PURCHASE, duplicate: false },
      target: PURCHASE,
    });
    expect(googleServerCopy(ingested({ consent: { adUserData: 'CONSENT_STATUS_UNSPECIFIED', adPersonalization: null } })).consent).toMatchObject({ adUserData: 'not_stated', adPersonalization: 'not_stated' });
  });

  it('leaves validateOnly events out (never ingested, so they never pair) and counts them', () => {
    const copies = googleCopies({ events: [ingested(), ingested({ validateOnly: true, transactionId: 'ord_test' })], tag: [] });
    expect(copies.server.map((s) => s.eventId)).toEqual(['ord_1']);
    expect(copies.notIngested).toBe(1);
  });

  it('keeps Google Ads conversions only, their final state, and a cookieless ping as a browser copy', () => {
    const held = tag({ callId: 'p-1', transactionId: 'ord_h', status: 'held' });
    const released = tag({ callId: 'p-1', transactionId: 'ord_h', status: 'cookieless', released: true, consent: { ad_storage: 'denied', ad_user_data: 'denied' } }, T0 + 500);
    const copies = googlePixelCopies([
      tag({ callId: 'p-0', command: 'config', event: null, conversion: false, status: 'recorded', transactionId: null }),
      tag({ callId: 'p-2', tagId: 'G-ABC123', sendTo: 'G-ABC123', label: null, event: 'purchase', conversion: false, transactionId: 'ord_ga4' }),
      tag({ callId: 'p-3', command: 'ignored', status: 'ignored', transactionId: null }),
      held, released,
      tag({ callId: 'p-4', transactionId: 'ord_w', status: 'held', consent: { ad_storage: null, ad_user_data: null } }),
      tag({ callId: 'p-5', transactionId: 'ord_d', consent: { ad_storage: null, ad_user_data: null }, identity: { email: 'hashed', phone_number: 'plain', address: 'hashed' } }),
    ]);
    expect(copies.map((c) => [c.callId, c.eventId, c.status, c.cookieless, c.consent, c.account, c.target])).toEqual([
      ['p-1', 'ord_h', 'sent', true, 'revoked', TAG, `${TAG}/PurchaseLbl`],
      ['p-4', 'ord_w', 'held', false, 'held', TAG, `${TAG}/PurchaseLbl`],
      ['p-5', 'ord_d', 'sent', false, 'default', TAG, `${TAG}/PurchaseLbl`],
    ]);
    expect(copies[2]!.keys).toEqual({ email: true, phone: true, address: true });
  });

  it("places a tag copy in the account of the server copy with its transaction id (the nearest in time when two accounts have it), else under its tag id", () => {
    const server = [
      googleServerCopy(ingested({ transactionId: 'ord_1', at: T0 + 400 })),
      googleServerCopy(ingested({ transactionId: 'ord_1', operatingAccount: OTHER_ACCOUNT, at: T0 + 90_000 })),
    ];
    const [first, later, lost] = googlePixelCopies([tag({ transactionId: 'ord_1' }, T0), tag({ transactionId: 'ord_1' }, T0 + 89_000), tag({ transactionId: 'ord_2' })], server);
    expect([first!.account, later!.account, lost!.account]).toEqual([ACCOUNT, OTHER_ACCOUNT, TAG]);
  });

  it('counts repeats per conversion action: one transaction id on two actions is not a double send, twice on one action is', () => {
    const copies = googleCopies({
      events: [
        ingested({ transactionId: 'ord_1', conversionAction: PURCHASE }), ingested({ transactionId: 'ord_1', conversionAction: LEAD }),
        ingested({ transactionId: 'ord_2' }), ingested({ transactionId: 'ord_2', at: T0 + 9000, duplicate: true }),
      ],
      tag: [tag({ transactionId: 'ord_1' }), tag({ transactionId: 'ord_2' })],
    });
    const report = pairCopies({ ...copies, now: T0 + 120_000 });
    const pair = (id: string) => report.pairs.find((p) => p.eventId === id)!;
    expect(pair('ord_1')).toMatchObject({ account: ACCOUNT, code: 'paired', server: { count: 1, targets: [PURCHASE, LEAD] }, pixel: { targets: [`${TAG}/PurchaseLbl`] } });
    expect(pair('ord_2')).toMatchObject({ code: 'server_sent_twice', server: { count: 2, targets: [PURCHASE] } });
    expect(report.destinations).toMatchObject([{ destination: 'google', name: 'Google Ads', pairedBy: expect.stringContaining('transaction id within the Google Ads account') }]);
  });
});
