/**
 * One envelope, every destination: the phone is parsed once and each destination formats it
 * (TikTok hashes `+E.164`, Meta the digits without `+`); the email is normalised once (Meta and
 * TikTok hash it as is); the event id is the same string everywhere.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../normalize/phone.js', async (original) => {
  const real = await original<typeof import('../normalize/phone.js')>();
  return { ...real, normalizePhone: (...args: Parameters<typeof real.normalizePhone>) => { parses.count += 1; return real.normalizePhone(...args); } };
});

const { prepareForDestinations } = await import('../prepare.js');
const { tiktokDestination } = await import('./tiktok/tiktok.js');
const { metaDestination } = await import('./meta/meta.js');

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('one envelope, TikTok and Meta', () => {
  it("parses the phone once; TikTok gets sha256('+…'), Meta sha256 of the digits", () => {
    parses.count = 0;
    const all = prepareForDestinations(
      {
        event: 'CompletePayment', eventId: 'ord_7_complete_payment', eventTime: Math.floor(Date.now() / 1000) - 30,
        page: { url: 'https://shop.example/thanks' },
        user: { phone: '0151 12345678', email: ' Alice@Example.com ', country: 'DE', userAgent: 'UA', ip: '203.0.113.9' },
        properties: { value: 10, currency: 'EUR' },
        consent: { adUserData: 'granted', adPersonalization: 'granted' },
      },
      [tiktokDestination({ pixelId: 'CTIKTOK123' }), metaDestination({ pixelId: '1234567890' })],
    );
    expect(parses.count).toBe(1);
    if (!all.ok) throw new Error('expected ok');
    const [tiktok, meta] = all.results.map((r) => (r.result.ok === true ? r.result.prepared : undefined));
    expect((tiktok!.wire as { user: { phone: string } }).user.phone).toBe(sha('+4915112345678'));
    expect((meta!.wire as { user_data: { ph: string } }).user_data.ph).toBe(sha('4915112345678'));
    expect((tiktok!.wire as { user: { email: string } }).user.email).toBe(sha('alice@example.com'));
    expect((meta!.wire as { user_data: { em: string } }).user_data.em).toBe(sha('alice@example.com'));
    expect([tiktok!.event, meta!.event]).toEqual(['CompletePayment', 'Purchase']);
    expect([tiktok!.eventId, meta!.eventId]).toEqual(['ord_7_complete_payment', 'ord_7_complete_payment']);
  });
});
