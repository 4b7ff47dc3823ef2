import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeEnvelope } from '../../envelope/normalized-event.js';
import { metaDestination } from './meta.js';
import type { MetaEvent } from './wire.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const NOW = Date.parse('2026-11-25T12:00:00Z');
const PIXEL = '1234567890123456';
const TOKEN = 'EAAB-meta-token-never-logged';
const meta = metaDestination({ pixelId: PIXEL, accessToken: TOKEN });

const base = {
  event: 'CompletePayment', eventId: 'ord_10492_complete_payment', eventTime: NOW / 1000 - 60,
  page: { url: 'https://shop.example/thank-you/10492', referrer: 'https://pay.example/' },
  user: { ip: '203.0.113.42', userAgent: 'Mozilla/5.0', fbc: 'fb.1.1764071940000.IwAR2F4-xyz', fbp: 'fb.1.1764000000000.1116446470' },
  properties: { value: 129.95, currency: 'EUR', contents: [{ contentId: 'SKU-481', quantity: 1, price: 129.95 }], orderId: '10492' },
  consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'DE' },
};

function wire(envelope: Record<string, unknown>, destination = meta): MetaEvent {
  const n = normalizeEnvelope(envelope, { now: NOW, defaultCountry: 'US' });
  if (!n.ok) throw new Error(JSON.stringify(n.errors));
  const r = destination.prepare(n.event);
  if (r.ok !== true) throw new Error(JSON.stringify(r));
  return r.prepared.wire as MetaEvent;
}

describe("Meta's worked examples (destinations.md A4)", () => {
  it('phone (650)555-1212 → 16505551212, hashed without the +', () => {
    const w = wire({ ...base, user: { ...base.user, phone: '(650)555-1212', country: 'US' } });
    expect(w.user_data.ph).toBe('e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176');
    expect(w.user_data.ph).toBe(sha('16505551212'));
  });

  it('John_Smith@gmail.com → lower-cased, no Gmail rule', () => {
    expect(wire({ ...base, user: { ...base.user, email: 'John_Smith@gmail.com' } }).user_data.em).toBe('62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f');
  });

  it('names: Mary, Valéry and 정 keep their letters', () => {
    expect(wire({ ...base, user: { ...base.user, firstName: 'Mary', lastName: 'Valéry' } }).user_data).toMatchObject({
      fn: '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec',
      ln: '08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c',
    });
    expect(wire({ ...base, user: { ...base.user, firstName: '정' } }).user_data.fn).toBe('8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14');
  });

  it('date of birth 2/16/1997 → 19970216 and country United States → us', () => {
    const u = wire({ ...base, user: { ...base.user, dateOfBirth: '2/16/1997', country: 'United States' } }).user_data;
    expect(u.db).toBe('01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c');
    expect(u.country).toBe('79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621');
  });

  it('US zip to five digits, state name to its code, city without spaces', () => {
    const u = wire({ ...base, user: { ...base.user, zip: '94103-1234', state: 'California', city: 'San Francisco', country: 'US', gender: 'Female' } }).user_data;
    expect([u.zp, u.st, u.ct, u.ge]).toEqual([sha('94103'), sha('ca'), sha('sanfrancisco'), sha('f')]);
  });
});

describe('the Meta wire event', () => {
  it("uses Meta's event name, the shared event_id, seconds, website, and raw device context", () => {
    const w = wire(base);
    expect(w).toMatchObject({
      event_name: 'Purchase', event_id: 'ord_10492_complete_payment', event_time: NOW / 1000 - 60, action_source: 'website',
      event_source_url: 'https://shop.example/thank-you/10492', referrer_url: 'https://pay.example/',
      user_data: { client_ip_address: '203.0.113.42', client_user_agent: 'Mozilla/5.0', fbc: 'fb.1.1764071940000.IwAR2F4-xyz', fbp: 'fb.1.1764000000000.1116446470' },
      custom_data: { value: 129.95, currency: 'EUR', contents: [{ id: 'SKU-481', quantity: 1, item_price: 129.95 }], content_ids: ['SKU-481'], order_id: '10492' },
    });
    expect(wire({ ...base, event: 'Pageview', properties: undefined }).event_name).toBe('PageView');
    expect(wire({ ...base, event: 'Search', properties: { query: 'shoes' } }).custom_data).toEqual({ search_string: 'shoes' });
  });

  it('adUserData denied: counted with device context only — no hashed identifiers, no fbc/fbp', () => {
    const w = wire({ ...base, user: { ...base.user, email: 'a@example.com', phone: '+16505551212' }, consent: { adUserData: 'denied', adPersonalization: 'granted' } });
    expect(Object.keys(w.user_data).sort()).toEqual(['client_ip_address', 'client_user_agent']);
    expect(w.opt_out).toBeUndefined();
  });

  it('adPersonalization denied: opt_out (attribution only); in a US privacy state also Limited Data Use', () => {
    expect(wire({ ...base, consent: { adUserData: 'granted', adPersonalization: 'denied', region: 'DE' } })).toMatchObject({ opt_out: true });
    expect(wire({ ...base, consent: { adUserData: 'granted', adPersonalization: 'denied', region: 'DE' } }).data_processing_options).toBeUndefined();
    expect(wire({ ...base, consent: { adUserData: 'granted', adPersonalization: 'denied', region: 'US-CA' } })).toMatchObject({
      opt_out: true, data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: 1000,
    });
    expect(wire({ ...base, consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'US-CA' } }).data_processing_options).toBeUndefined();
  });

  it('refuses what Meta would refuse the whole request for, naming the field', () => {
    const n = normalizeEnvelope({ ...base, eventTime: NOW / 1000 - 8 * 86400, page: undefined, user: { ip: '203.0.113.1' }, properties: {} }, { now: NOW, maxAgeSeconds: 28 * 86400 });
    if (!n.ok) throw new Error('envelope should be valid for the shared checks');
    const r = meta.prepare(n.event);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.errors.map((e) => e.path)).toEqual(['eventTime', 'page.url', 'user.userAgent', 'properties.value']);
  });

  it('a pre-hashed phone is kept from Meta (it was hashed with its +) with a warning', () => {
    const n = normalizeEnvelope({ ...base, user: { ...base.user, phone: sha('+16505551212') } }, { now: NOW });
    const r = n.ok ? meta.prepare(n.event) : undefined;
    expect(r?.ok === true && (r.prepared.wire as MetaEvent).user_data.ph).toBeFalsy();
    expect(r?.ok === true && r.prepared.warnings.map((w) => w.path)).toContain('user.phone');
  });
});

describe('the Meta request', () => {
  const events = [{ wireJson: JSON.stringify({ event_name: 'Lead', event_id: 'lead_1' }) }];

  it('carries the token in the body, never in the URL, at the pinned version', async () => {
    const r = await meta.request('', events);
    if ('kind' in r) throw new Error(r.reason);
    expect(r.url.toString()).toBe(`https://graph.facebook.com/v25.0/${PIXEL}/events`);
    expect(r.url.toString()).not.toContain(TOKEN);
    expect(JSON.parse(r.body!)).toEqual({ data: [{ event_name: 'Lead', event_id: 'lead_1' }], access_token: TOKEN });
    expect(meta.body('', events)).not.toContain(TOKEN);
  });

  it('adds appsecret_proof and the test event code when configured', async () => {
    const d = metaDestination({ pixelId: PIXEL, accessToken: TOKEN, appSecret: 'app-secret-1', testEventCode: 'TEST123', apiVersion: 'v26.0' });
    const r = await d.request('TEST123', events);
    if ('kind' in r) throw new Error(r.reason);
    expect(r.url.pathname).toBe(`/v26.0/${PIXEL}/events`);
    expect(JSON.parse(r.body!)).toMatchObject({ test_event_code: 'TEST123', appsecret_proof: createHmac('sha256', 'app-secret-1').update(TOKEN).digest('hex') });
  });

  it.each([
    [{ pixelId: 'not-numeric', accessToken: TOKEN }, /pixel id/],
    [{ pixelId: PIXEL, accessToken: TOKEN, apiVersion: 'v22.0' }, /v25\.0 or newer/],
    [{ pixelId: PIXEL, accessToken: `${TOKEN}\u001b` }, /control characters/],
  ])('refuses %j at construction', (settings, message) => {
    expect(() => metaDestination(settings)).toThrow(message);
  });
});
