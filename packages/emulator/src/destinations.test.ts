import { describe, expect, it } from 'vitest';
import { pairCopies, pairEvents } from './pairing.js';
import type { CopySet, PixelCopy, ServerCopy } from './pair-copies.js';
import { tiktokCopies } from './tiktok-copies.js';
import { acceptedJourney, consentCall, pixel, server, T0 } from '../test-support/pair-builders.js';

const LATER = T0 + 10 * 60_000;

const browser = (destination: PixelCopy['destination'], account: string, event: string, eventId: string, keys: Record<string, boolean> = {}): PixelCopy => ({
  destination, account, event, eventId, callId: `${destination}-${eventId}-${event}`, at: T0, status: 'sent', consent: 'granted', keys, browserId: null, pageUrl: 'https://shop.example/', auto: false,
});
const backend = (destination: ServerCopy['destination'], account: string, event: string, eventId: string, keys: Record<string, boolean>): ServerCopy => ({
  destination, account, event, eventId, at: T0 + 200, eventTimeMs: T0, requestId: 'r', testEventCode: null, keys,
  consent: { adUserData: 'not_stated', adPersonalization: 'not_stated', limitedDataUse: null }, pageUrl: null, browserId: null, raw: {},
});
const set = (pixel: PixelCopy[], server: ServerCopy[]): CopySet => ({ pixel, server, consent: [] });

describe('destinations plug into the same pairing', () => {
  it('pairs Meta copies by pixel id + event_name + event_id with Meta key names, beside the TikTok pairs', () => {
    const metaKeys = { em: true, ph: true, external_id: false, fbc: true, fbp: true, client_ip_address: true, client_user_agent: true };
    const report = pairEvents({
      ...acceptedJourney(), now: LATER,
      also: [set([browser('meta', 'FB1', 'Purchase', 'ord_1_complete_payment', { fbp: true })], [backend('meta', 'FB1', 'Purchase', 'ord_1_complete_payment', metaKeys)])],
    });
    const meta = report.pairs.find((p) => p.destination === 'meta')!;
    expect(meta).toMatchObject({ account: 'FB1', event: 'Purchase', verdict: 'ok', code: 'paired', withinMergeWindow: null, pixel: { matchKeys: { em: false, fbp: true } } });
    expect(meta.reason).toBe('Both copies arrived 0.2 s apart; Meta counts the action once.');
    expect(report.pairs.filter((p) => p.destination === 'tiktok')).toHaveLength(4);
    expect(report.destinations.map((d) => d.name)).toEqual(['TikTok', 'Meta']);
    expect(report.matchQuality.find((q) => q.destination === 'meta')!.text).toContain('The server copy has email, phone, click id (fbc)');
    expect(report.summary.pairs).toBe(5);
  });

  it('checks Meta names strictly (no legacy aliases) and flags a missing client_user_agent', () => {
    const keys = { em: true, ph: false, external_id: false, fbc: false, fbp: true, client_ip_address: true, client_user_agent: false };
    const report = pairCopies({ ...set([browser('meta', 'FB1', 'Lead', 'l1')], [backend('meta', 'FB1', 'Lead', 'l1', keys), backend('meta', 'FB1', 'purchase', 'p1', { ...keys, client_user_agent: true })]), now: LATER });
    expect(report.pairs.find((p) => p.eventId === 'l1')).toMatchObject({ verdict: 'attention', code: 'missing_user_agent' });
    expect(report.pairs.find((p) => p.eventId === 'p1')!.findings[0]).toMatchObject({ code: 'event_name_case', level: 'broken' });
    expect(report.summary.headline).toMatch(/Meta will count it wrongly/);
  });

  it('pairs Google conversions by conversion action + transaction id; one id on two actions is not a reused id there', () => {
    const keys = { email: true, phone: true, gclid: true, gbraid: false, wbraid: false, ip: false, user_agent: false };
    const report = pairCopies({
      ...set(
        [browser('google', 'AW-1/purchase', 'conversion', 'ord_1'), browser('google', 'AW-1/lead', 'conversion', 'ord_1')],
        [backend('google', 'AW-1/purchase', 'conversion', 'ord_1', keys), backend('google', 'AW-1/lead', 'conversion', 'ord_1', keys)],
      ),
      now: LATER,
    });
    expect(report.pairs.map((p) => [p.account, p.verdict, p.code])).toEqual([['AW-1/purchase', 'ok', 'paired'], ['AW-1/lead', 'ok', 'paired']]);
    expect(report.pairs[0]!.reason).toContain('Google Ads counts the action once');
  });
});

describe('TikTok records adapted into copies', () => {
  it('keeps the final state of each call and the page consent trail', () => {
    const held = pixel('AddToCart', 'cart_1', { status: 'held', consent: 'held', callId: 'pg-2' });
    const released = pixel('AddToCart', 'cart_1', { status: 'sent', released: true, consent: 'granted', callId: 'pg-2', at: T0 + 500 });
    const copies = tiktokCopies({
      events: [server('AddToCart', 'cart_1', { adUserData: 'GRANTED', body: { event: 'AddToCart', event_time: 1, page: { url: 'https://shop.example/p' } } })],
      pixelCalls: [consentCall('holdConsent', 'pg', 'https://shop.example/p', T0), held, consentCall('grantConsent', 'pg', 'https://shop.example/p', T0 + 400), released],
    });
    expect(copies.pixel).toEqual([expect.objectContaining({ callId: 'pg-2', status: 'sent', consent: 'granted', keys: { email: true, phone_number: false, external_id: false, ttp: true } })]);
    expect(copies.consent.map((c) => [c.page, c.state])).toEqual([['pg', 'held'], ['pg', 'granted']]);
    expect(copies.consent[1]!.step).toBeGreaterThan(copies.consent[0]!.step);
    expect(copies.server[0]).toMatchObject({ destination: 'tiktok', account: 'PIX', eventTimeMs: Math.floor(T0 / 1000) * 1000, pageUrl: 'https://shop.example/p', consent: { adUserData: 'granted', adPersonalization: 'not_stated', limitedDataUse: false } });
  });
});
