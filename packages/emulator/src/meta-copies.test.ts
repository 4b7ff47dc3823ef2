import { describe, expect, it } from 'vitest';
import { metaConsentTrail, metaCopies, metaPixelCopies, metaServerCopy } from './meta-copies.js';
import { toMetaPixelCall, type MetaPixelCall } from './meta/pixel-call.js';
import type { MetaAcceptedEvent } from './meta/meta-records.js';
import { pairCopies } from './pairing.js';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const PIXEL = '1234567890123456';
const URL = 'https://shop.example/checkout/thanks';
const FBP = 'fb.1.1795608000000.1116446470';
let seq = 0;

/** A fbq call as the collector parses the stub's beacon. */
function call(body: Record<string, unknown>, at = T0): MetaPixelCall {
  const parsed = toMetaPixelCall({ pixelId: PIXEL, method: 'track', status: 'sent', consent: 'default', url: URL, fbp: FBP, time: at, ...body }, ++seq, at, true);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

const NO_KEYS = { em: false, ph: false, fn: false, ln: false, ct: false, st: false, zp: false, country: false, db: false, ge: false, external_id: false, client_ip_address: true, client_user_agent: true, fbc: false, fbp: false };

function accepted(over: Partial<MetaAcceptedEvent> = {}): MetaAcceptedEvent {
  return {
    seq: ++seq, at: T0 + 300, fbtraceId: 'AbCdEf123', testEventCode: null, pixelId: PIXEL, apiVersion: 'v25.0', event: 'Purchase', eventId: 'ord_1',
    eventTime: Math.floor(T0 / 1000), actionSource: 'website', eventSourceUrl: URL, keys: { ...NO_KEYS, em: true, fn: true, fbp: true }, fbc: null, fbp: FBP,
    limitedDataUse: false, lduCountry: null, lduState: null, optOut: null, ...over,
  };
}

describe('Meta records adapted into copies', () => {
  it('turns an accepted Conversions API event into a server copy keyed by pixel id + event_name + event_id, with Meta key names', () => {
    const copy = metaServerCopy(accepted());
    expect(copy).toMatchObject({
      destination: 'meta', account: PIXEL, event: 'Purchase', eventId: 'ord_1', at: T0 + 300, eventTimeMs: Math.floor(T0 / 1000) * 1000,
      requestId: 'AbCdEf123', testEventCode: null, pageUrl: URL, browserId: FBP,
      consent: { adUserData: 'not_stated', adPersonalization: 'not_stated', limitedDataUse: null },
    });
    // Only the keys the page shows (fn, ct… arrive but are not pair keys).
    expect(copy.keys).toEqual({ em: true, ph: false, external_id: false, fbc: false, fbp: true, client_ip_address: true, client_user_agent: true });
  });

  it('reads opt_out as personalised ads refused and data_processing_options as Limited Data Use, telling "not set" from "off"', () => {
    const body = (dpo?: [] | ['LDU']) => ({ event_name: 'Lead', event_time: 1, action_source: 'website' as const, event_source_url: URL, user_data: {}, ...(dpo ? { data_processing_options: dpo } : {}) });
    expect(metaServerCopy(accepted({ optOut: true, body: body(['LDU']), limitedDataUse: true })).consent).toEqual({ adUserData: 'not_stated', adPersonalization: 'denied', limitedDataUse: true });
    expect(metaServerCopy(accepted({ optOut: false, body: body([]) })).consent).toMatchObject({ adPersonalization: 'granted', limitedDataUse: false });
    expect(metaServerCopy(accepted({ body: body() })).consent.limitedDataUse).toBeNull();
    // Past detailLimit the body is gone: LDU on is still known, off and absent read as not set.
    expect(metaServerCopy(accepted({ limitedDataUse: true })).consent.limitedDataUse).toBe(true);
  });

  it('keeps one browser copy per fire: a fire held by revoke and released by grant reads as sent', () => {
    const held = call({ callId: 'pg1-3', event: 'Purchase', eventId: 'ord_1', status: 'held', consent: 'revoked', advancedMatching: { em: 'hashed', ph: 'plain', bogus: 'x' } });
    const released = call({ callId: 'pg1-3', event: 'Purchase', eventId: 'ord_1', status: 'sent', released: true, consent: 'granted', advancedMatching: { em: 'hashed', ph: 'plain' }, fbc: 'fb.1.1795608000000.IwAR' }, T0 + 800);
    const copies = metaPixelCopies([held, released]);
    expect(copies).toEqual([{
      destination: 'meta', account: PIXEL, event: 'Purchase', eventId: 'ord_1', callId: 'pg1-3', at: T0 + 800, status: 'sent', consent: 'granted',
      keys: { em: true, ph: true, external_id: false, fbc: true, fbp: true }, browserId: FBP, pageUrl: URL, auto: false,
    }]);
  });

  it('keeps consent holds and unload drops, leaves out page mistakes and non-events, and keeps a PageView without eventID as unkeyed', () => {
    const copies = metaPixelCopies([
      call({ method: 'init', status: 'recorded', event: null }),
      call({ callId: 'a-1', event: 'PageView', eventId: null }),
      call({ callId: 'a-2', event: 'Lead', eventId: 'l1', status: 'held', consent: 'revoked' }),
      call({ callId: 'a-3', event: 'Lead', eventId: 'l2', status: 'dropped', reason: 'unload', consent: 'revoked' }),
      call({ callId: 'a-4', event: 'Lead', eventId: 'l3', status: 'dropped', reason: 'no_pixel', pixelId: null }),
      call({ callId: 'a-5', method: 'trackSingle', event: 'Lead', eventId: 'l4', status: 'dropped', reason: 'unknown_pixel', pixelId: '999' }),
      call({ callId: 'a-6', method: 'trackCustom', event: 'WishlistShared', eventId: 'w1' }),
    ]);
    expect(copies.map((c) => [c.callId, c.event, c.eventId, c.status, c.consent])).toEqual([
      ['a-1', 'PageView', null, 'sent', 'default'], ['a-2', 'Lead', 'l1', 'held', 'revoked'], ['a-3', 'Lead', 'l2', 'dropped', 'revoked'], ['a-6', 'WishlistShared', 'w1', 'sent', 'default'],
    ]);
  });

  it("writes the page's consent trail from fbq('consent', …), in page order", () => {
    const trail = metaConsentTrail([
      call({ callId: 'pg-1', method: 'consent', status: 'recorded', pixelId: null, options: { action: 'revoke' } }),
      call({ callId: 'pg-2', method: 'init', status: 'recorded' }),
      call({ callId: 'pg-4', method: 'consent', status: 'recorded', pixelId: null, options: { action: 'maybe' }, warning: 'invalid_consent' }),
      call({ callId: 'pg-5', method: 'consent', status: 'recorded', pixelId: null, options: { action: 'grant' } }, T0 + 50),
    ]);
    expect(trail).toEqual([
      { destination: 'meta', account: null, at: T0, pageUrl: URL, page: 'pg', step: 1, state: 'revoked' },
      { destination: 'meta', account: null, at: T0 + 50, pageUrl: URL, page: 'pg', step: 5, state: 'granted' },
    ]);
  });

  it('pairs on pixel id + event_name + event_id: another pixel, or the same id under another name, is another pair', () => {
    const copies = metaCopies({
      events: [accepted({ eventId: 'ord_1' }), accepted({ eventId: 'ord_1', pixelId: '999999' })],
      pixel: [call({ callId: 'p-1', event: 'Purchase', eventId: 'ord_1', advancedMatching: { em: 'hashed' } }), call({ callId: 'p-2', event: 'AddToCart', eventId: 'ord_1' })],
    });
    const report = pairCopies({ ...copies, now: T0 + 120_000 });
    expect(report.pairs.map((p) => [p.account, p.event, p.code]).sort()).toEqual([
      [PIXEL, 'AddToCart', 'duplicate_event_id'], [PIXEL, 'Purchase', 'duplicate_event_id'], ['999999', 'Purchase', 'pixel_missing'],
    ]);
    expect(report.pairs.find((p) => p.account === PIXEL && p.event === 'Purchase')!.findings.map((f) => f.code)).toContain('paired');
  });
});
