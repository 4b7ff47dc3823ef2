import { describe, expect, it } from 'vitest';
import { pairEvents, type Pair } from './pairing.js';
import { pixel, server, T0 } from '../test-support/pair-builders.js';

const codes = (p: Pair | undefined) => p?.warnings.map((w) => w.code) ?? [];
const find = (pairs: Pair[], event: string, eventId: string) => pairs.find((p) => p.event === event && p.eventId === eventId);

describe('pairEvents', () => {
  it('pairs a clean pixel/server couple inside the merge window with match keys on both sides', () => {
    const report = pairEvents({ server: [server('CompletePayment', 'ord_1')], pixel: [pixel('CompletePayment', 'ord_1')], now: T0 });
    const pair = find(report.pairs, 'CompletePayment', 'ord_1')!;
    expect(pair.warnings).toEqual([]);
    expect(pair).toMatchObject({ gapMs: 1000, withinMergeWindow: true, pixel: { matchKeys: { email: true, ttp: true } }, server: { matchKeys: { ip: true } } });
    expect(report.summary).toMatchObject({ pairs: 1, paired: 1, clean: 1 });
  });

  it('flags copies more than 5 minutes apart as outside the merge window', () => {
    const report = pairEvents({ server: [server('Lead', 'l1', { at: T0 + 6 * 60_000 })], pixel: [pixel('Lead', 'l1')], now: T0 });
    expect(report.pairs[0]).toMatchObject({ withinMergeWindow: false, gapMs: 6 * 60_000 });
  });

  it('warns when either copy is missing', () => {
    const report = pairEvents({ server: [server('Purchase', 's_only')], pixel: [pixel('Purchase', 'p_only')], now: T0 + 10 * 60_000 });
    expect(codes(find(report.pairs, 'Purchase', 's_only'))).toEqual(['pixel_missing']);
    expect(codes(find(report.pairs, 'Purchase', 'p_only'))).toEqual(['server_missing']);
    expect(report.summary).toMatchObject({ serverOnly: 1, pixelOnly: 1, warnings: { pixel_missing: 1, server_missing: 1 } });
  });

  it('names a CompletePayment/Purchase mismatch on the same event_id', () => {
    const report = pairEvents({ server: [server('Purchase', 'ord_2')], pixel: [pixel('CompletePayment', 'ord_2')], now: T0 });
    const p = find(report.pairs, 'CompletePayment', 'ord_2')!;
    expect(codes(p)).toContain('name_mismatch');
    expect(p.warnings[0]!.message).toContain('The pixel sent CompletePayment and the server sent Purchase');
    expect(codes(find(report.pairs, 'Purchase', 'ord_2'))).toContain('name_mismatch');
    expect(codes(p)).not.toContain('duplicate_event_id');
  });

  it('flags one event_id reused for different actions', () => {
    const report = pairEvents({
      server: [server('AddToCart', 'same'), server('Purchase', 'same')],
      pixel: [pixel('AddToCart', 'same'), pixel('Purchase', 'same')], now: T0,
    });
    expect(codes(find(report.pairs, 'AddToCart', 'same'))).toEqual(['duplicate_event_id']);
    expect(find(report.pairs, 'Purchase', 'same')!.warnings[0]!.message).toContain('also used for AddToCart');
  });

  it('warns about missing ip, user agent and strong keys on the server copy', () => {
    const keys = { email: false, phone: false, external_id: false, ttclid: true, ttp: true, ip: false, user_agent: false };
    const report = pairEvents({ server: [server('Lead', 'l2', { keys })], pixel: [pixel('Lead', 'l2')], now: T0 });
    expect(codes(report.pairs[0])).toEqual(['missing_ip', 'missing_user_agent', 'no_strong_key']);
  });

  it('warns about stale and future event_time', () => {
    const report = pairEvents({
      server: [
        server('Lead', 'old', { eventTime: Math.floor((T0 - 8 * 86_400_000) / 1000) }),
        server('Lead', 'future', { eventTime: Math.floor((T0 + 3_600_000) / 1000) }),
        server('Lead', 'fresh', { eventTime: Math.floor((T0 - 6 * 86_400_000) / 1000) }),
      ],
      pixel: [pixel('Lead', 'old'), pixel('Lead', 'future'), pixel('Lead', 'fresh')], now: T0,
    });
    expect(codes(find(report.pairs, 'Lead', 'old'))).toEqual(['stale_event_time']);
    expect(codes(find(report.pairs, 'Lead', 'future'))).toEqual(['future_event_time']);
    expect(codes(find(report.pairs, 'Lead', 'fresh'))).toEqual([]);
  });

  it('counts a released held call once, as sent, and reports held or dropped pixel copies', () => {
    const held = pixel('AddToCart', 'cart_1', { status: 'held', consent: 'held', callId: 'k1' });
    const released = pixel('AddToCart', 'cart_1', { status: 'sent', released: true, consent: 'granted', callId: 'k1', at: T0 + 500 });
    const dropped = pixel('Lead', 'lead_x', { status: 'dropped', consent: 'revoked' });
    const report = pairEvents({ server: [server('AddToCart', 'cart_1'), server('Lead', 'lead_x')], pixel: [held, released, dropped], now: T0 });
    expect(find(report.pairs, 'AddToCart', 'cart_1')).toMatchObject({ pixel: { sent: 1, status: 'sent', consent: 'granted', firstAt: T0 + 500 }, warnings: [] });
    const lead = find(report.pairs, 'Lead', 'lead_x')!;
    expect(lead.pixel).toMatchObject({ status: 'dropped', consent: 'revoked' });
    // Dropped by consent is correct by design: reported as the pair's state, not as a warning.
    expect(lead).toMatchObject({ verdict: 'ok', code: 'pixel_not_sent', pixelState: { state: 'not_sent_by_consent' }, warnings: [] });
  });

  it('reports double sends on either side', () => {
    const report = pairEvents({
      server: [server('Purchase', 'ord_3'), server('Purchase', 'ord_3', { at: T0 + 9000 })],
      pixel: [pixel('Purchase', 'ord_3'), pixel('Purchase', 'ord_3')], now: T0,
    });
    // A pixel copy repeated by a reload is deduplicated by TikTok: a note, not a warning.
    expect(codes(report.pairs[0])).toEqual(['server_sent_twice']);
    expect(report.pairs[0]!.findings).toContainEqual(expect.objectContaining({ code: 'pixel_sent_twice', level: 'ok' }));
  });

  it('shows server consent and LDU, filters by test_event_code, and counts unkeyed copies', () => {
    const report = pairEvents({
      server: [
        server('Lead', 'l3', { testEventCode: 'T1', limitedDataUse: true, adUserData: 'DENIED' }),
        server('Lead', 'l4', { testEventCode: 'OTHER' }),
        server('Lead', null, { testEventCode: 'T1' }),
      ],
      pixel: [pixel('Pageview', null, { method: 'page', auto: true }), pixel('Pageview', null, { method: 'page' })],
      now: T0, testEventCode: 'T1',
    });
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]!.server).toMatchObject({ limitedDataUse: true, adUserData: 'DENIED' });
    expect(report.unkeyed).toEqual({ serverWithoutEventId: 1, pixelWithoutEventId: 2, autoPageviews: 1 });
  });

  it('keeps the most recent pairs under limit while the summary counts all', () => {
    const report = pairEvents({
      server: [server('Lead', 'early', { at: T0 }), server('Lead', 'late', { at: T0 + 5000 })],
      pixel: [], now: T0, limit: 1,
    });
    expect(report.pairs.map((p) => p.eventId)).toEqual(['late']);
    expect(report.summary.pairs).toBe(2);
  });

  it('flags a standard name in the wrong case as a custom event', () => {
    const report = pairEvents({ server: [server('purchase', 'ord_4')], pixel: [pixel('purchase', 'ord_4')], now: T0 });
    expect(codes(report.pairs[0])).toEqual(['event_name_case']);
    expect(report.pairs[0]!.warnings[0]!.message).toContain('the standard name is Purchase');
    expect(codes(pairEvents({ server: [server('MyCustom', 'c_1')], pixel: [pixel('MyCustom', 'c_1')], now: T0 }).pairs[0])).toEqual([]);
  });
});
