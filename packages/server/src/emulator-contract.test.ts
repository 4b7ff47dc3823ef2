/**
 * Cross-check with the local TikTok stand-in (@pixelpair/emulator), whose validator encodes
 * the v1.3 contract independently of this package: every body the twin builds must pass it,
 * and a real round trip must be accepted exactly once per dedup key.
 */
import { startEmulator, validateTrackRequest } from '@pixelpair/emulator';
import { describe, expect, it } from 'vitest';
import { createTikTok } from './client.js';
import { buildRequestBodies } from './delivery/bodies.js';
import { silentLogger } from './delivery/logger.js';
import { prepareEvent } from './prepare.js';
import { envelope, PIXEL_ID } from '../test-support/envelopes.js';
import type { PreparedEvent } from './types.js';

const now = Math.floor(Date.now() / 1000);
const VARIANTS: Array<[string, Record<string, unknown>]> = [
  ['the full fixture', envelope(1)],
  ['arrays of identifiers and every user field', envelope(2, { user: { email: ['a@example.com', 'b@example.com'], phone: ['+4915112345678', '+12133734253'], externalId: ['x', 'y'], firstName: 'Ann', lastName: 'Lee', zip: '10115', city: 'Berlin', state: 'BE', country: 'DE', ttclid: 'E.C.P.a', ttp: 'b.tt.1', ip: '2001:db8::1', userAgent: 'UA', locale: 'de_DE' } })],
  ['consent denied in an opt-in region', envelope(3, { consent: { adUserData: 'denied', adPersonalization: 'denied', region: 'FR' } })],
  ['a search with a query and no user', { event: 'Search', eventId: 'srch_4_search', eventTime: now, properties: { query: 'mugs' } }],
  ['a legacy name and an ISO time', { event: 'SubmitForm', eventId: 'lead_5_submit', eventTime: new Date().toISOString(), user: { email: 'lead@example.com' } }],
  ['a custom event with custom properties', { event: 'QuizFinished', eventId: 'quiz_6_done', eventTime: now, properties: { score: 7, passed: true, level: 'hard' } }],
  ['Pageview with page only', { event: 'Pageview', eventId: 'pv_7', eventTime: now, page: { url: 'https://shop.example/?ttclid=x', referrer: 'https://tiktok.com/' } }],
  ['product groups with content ids', envelope(8, { properties: { value: 0, currency: 'JPY', contentType: 'product_group', contents: [{ contentId: 'G1', quantity: 3 }], contentIds: ['G1'], numItems: 3 } })],
];

function prepared(e: Record<string, unknown>, testEventCode?: string): PreparedEvent {
  const r = prepareEvent(e, { pixelId: PIXEL_ID, ...(testEventCode ? { testEventCode } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.prepared;
}

describe('bodies pass the emulator’s independent v1.3 validator', () => {
  it.each(VARIANTS)('%s', (_name, e) => {
    const [body] = buildRequestBodies([prepared(e)]);
    const v = validateTrackRequest(body, { requireEventId: true });
    expect(v.ok ? 'ok' : v).toBe('ok');
  });

  it('a test-event body and a 1000-event body pass too', () => {
    const [test] = buildRequestBodies([prepared(envelope(9), 'TEST123')]);
    const [big] = buildRequestBodies(Array.from({ length: 1000 }, (_, i) => prepared(envelope(100 + i))));
    for (const body of [test, big]) expect(validateTrackRequest(body, { requireEventId: true }).ok).toBe(true);
  });
});

describe('round trip through the emulator', () => {
  it('is accepted once per dedup key, even with faults; a reserved bad token stops', async () => {
    const emulator = await startEmulator();
    try {
      emulator.faults.set({ next: 2, kinds: ['rate_limit', 'reset'] });
      const tt = createTikTok({ pixelId: PIXEL_ID, accessToken: 'good-token', apiUrl: emulator.apiUrl, logger: silentLogger, sleep: async () => {} });
      const report = await tt.send(VARIANTS.map(([, e]) => e));
      await tt.close();
      expect(report).toMatchObject({ delivered: VARIANTS.length, retries: 2 });
      for (const [, e] of VARIANTS) expect(emulator.acceptances(PIXEL_ID, e.event as string, e.eventId as string)).toBe(1);

      const bad = createTikTok({ pixelId: PIXEL_ID, accessToken: 'expired-token', apiUrl: emulator.apiUrl, logger: silentLogger });
      const stopped = await bad.send([envelope(50)]);
      await bad.close();
      expect(stopped.events[0]).toMatchObject({ status: 'stopped', code: 40102, reason: 'token_expired' });
    } finally {
      await emulator.close();
    }
  });
});
