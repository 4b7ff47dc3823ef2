import { beforeEach, describe, expect, it } from 'vitest';
import { freshApi, recordingTtq, resetPage } from './test-helpers.js';

beforeEach(() => resetPage('https://shop.example.com/'));

describe('manual consent', () => {
  it('holds the Pixel until a decision, then releases held events with their original event_ids', async () => {
    const calls = recordingTtq();
    const { init, track, consent } = await freshApi();
    init({ consent: 'manual' });
    expect(calls).toEqual([['holdConsent']]);
    const first = track('ViewContent', { value: 1 });
    const second = track('AddToCart', { value: 2 }, { eventId: 'cart_9_add_to_cart' });
    expect(calls).toHaveLength(1);
    consent({ adUserData: 'granted', adPersonalization: 'granted' });
    expect(calls.slice(1)).toEqual([
      ['grantConsent'],
      ['track', 'ViewContent', { value: 1 }, { event_id: first }],
      ['track', 'AddToCart', { value: 2 }, { event_id: second }],
    ]);
    track('Purchase', {}, { eventId: 'ord_1_purchase' });
    expect(calls.at(-1)).toEqual(['track', 'Purchase', {}, { event_id: 'ord_1_purchase' }]);
  });

  it('drops held events on denial and sends nothing after a revoke', async () => {
    const calls = recordingTtq();
    const { init, track, page, consent } = await freshApi();
    init({ consent: ['manual'] });
    track('ViewContent');
    consent({ adUserData: false, adPersonalization: false });
    const id = track('AddToCart');
    page();
    expect(id).toMatch(/^evt_/);
    expect(calls).toEqual([['holdConsent'], ['revokeConsent']]);
  });

  it('grant then revoke: events flow, then stop', async () => {
    const calls = recordingTtq();
    const { init, track, consent } = await freshApi();
    init({ consent: 'manual' });
    consent({ adUserData: 'granted' });
    track('Lead', {}, { eventId: 'lead_1_submit' });
    consent({ adUserData: 'denied' });
    track('Lead', {}, { eventId: 'lead_2_submit' });
    expect(calls.map((c) => c[0])).toEqual(['holdConsent', 'grantConsent', 'track', 'revokeConsent']);
  });

  it('records region, CMP and decision time, and returns a copy of the state', async () => {
    recordingTtq();
    const { consent, context } = await freshApi();
    const before = Date.now();
    const state = consent({ adUserData: 'granted', adPersonalization: 'denied', region: 'DE', cmp: { name: 'Cookiebot', version: '3' } });
    expect(state).toMatchObject({ adUserData: 'granted', adPersonalization: 'denied', region: 'DE', cmp: { name: 'Cookiebot', version: '3' } });
    expect(Date.parse(state.decidedAt!)).toBeGreaterThanOrEqual(before - 1000);
    state.adUserData = 'denied';
    expect(consent().adUserData).toBe('granted');
    expect(context().consent).toMatchObject({ adUserData: 'granted', region: 'DE' });
  });

  it('an update that decides nothing keeps the hold', async () => {
    const calls = recordingTtq();
    const { init, track, consent } = await freshApi();
    init({ consent: 'manual' });
    consent({ region: 'FR' });
    consent({ adUserData: 'maybe' as any });
    track('ViewContent');
    expect(calls).toEqual([['holdConsent']]);
  });

  it('never throws on bad input', async () => {
    const { consent } = await freshApi();
    expect(() => (consent as any)('granted')).not.toThrow();
    expect(() => (consent as any)({ get adUserData() { throw new Error('hostile'); } })).not.toThrow();
  });
});
