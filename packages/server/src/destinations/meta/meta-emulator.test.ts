/**
 * The Meta destination against the local Conversions API stand-in, whose validator is written
 * from the reference independently of this package: every body passes it, a round trip is
 * accepted once per dedup key (pixel + event_name + event_id), the token travels in the body
 * only, appsecret_proof is checked, and Graph errors are classified right.
 */
import { startEmulator, validateMetaEventsRequest, type Emulator } from '@pixelpair/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../client.js';
import { silentLogger } from '../../delivery/logger.js';
import { prepareForDestinations } from '../../prepare.js';
import { metaDestination, type MetaSettings } from './meta.js';

const PIXEL = '1234567890123456';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ meta: { appSecret: 'meta-app-secret' } });
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const now = () => Math.floor(Date.now() / 1000);
const page = { url: 'https://shop.example/thanks', referrer: 'https://shop.example/checkout' };
const device = { ip: '2001:db8::7', userAgent: 'Mozilla/5.0', fbc: `fb.1.${Date.now() - 60_000}.IwAR-click`, fbp: `fb.1.${Date.now() - 86_400_000}.1116446470` };
const VARIANTS: Array<[string, Record<string, unknown>]> = [
  ['a purchase with every identifier', { event: 'CompletePayment', eventId: 'ord_1_complete_payment', eventTime: now() - 60, page, user: { ...device, email: 'John_Smith@gmail.com', phone: '(650)555-1212', externalId: 'cust_1', firstName: 'Mary', lastName: 'Valéry', zip: '94103-1234', city: 'San Francisco', state: 'California', country: 'US', dateOfBirth: '2/16/1997', gender: 'f' }, properties: { value: 129.95, currency: 'USD', contents: [{ contentId: 'SKU-481', quantity: 1, price: 129.95 }], orderId: '1' }, consent: { adUserData: 'granted', adPersonalization: 'granted' } }],
  ['a lead with consent denied', { event: 'SubmitForm', eventId: 'lead_2_submit', eventTime: now() - 30, page, user: { ...device, email: 'a@example.com' }, consent: { adUserData: 'denied', adPersonalization: 'denied', region: 'FR' } }],
  ['a Californian who opted out (LDU)', { event: 'AddToCart', eventId: 'cart_3_add_to_cart', eventTime: now(), page, user: device, properties: { value: 5, currency: 'USD', contents: [{ contentId: 'A', quantity: 2 }] }, consent: { adUserData: 'granted', adPersonalization: 'denied', region: 'US-CA' } }],
  ['a page view and a search', { event: 'Pageview', eventId: 'pv_4', eventTime: now(), page, user: device }],
  ['a custom event', { event: 'QuizFinished', eventId: 'quiz_5_done', eventTime: now(), page, user: device, properties: { score: 7 } }],
];

const settings = (extra: Partial<MetaSettings> = {}): MetaSettings => ({ pixelId: PIXEL, accessToken: 'good-meta-token', appSecret: 'meta-app-secret', apiUrl: emulator.meta.apiUrl(PIXEL), ...extra });

describe('Meta destination ↔ the Conversions API stand-in', () => {
  it.each(VARIANTS)("%s passes the stand-in's independent validator", (_name, envelope) => {
    const meta = metaDestination(settings());
    const r = prepareForDestinations(envelope, [meta]);
    const one = r.ok ? r.results[0]!.result : undefined;
    if (one?.ok !== true) throw new Error(JSON.stringify(r));
    const v = validateMetaEventsRequest(JSON.parse(meta.body('', [one.prepared])), { nowMs: Date.now(), requireEventId: true });
    expect(v.ok ? 'ok' : v).toBe('ok');
  });

  it('is accepted once per dedup key, with the token only in the body; faults are retried; a bad token stops', async () => {
    emulator.meta.faults.set({ next: 2, kinds: ['rate_limit', 'transient'] });
    const client = createClient({ destinations: [metaDestination(settings())], logger: silentLogger, sleep: async () => {} });
    const report = await client.send(VARIANTS.map(([, e]) => e));
    await client.close();
    expect(report).toMatchObject({ delivered: VARIANTS.length, retries: 2 });
    for (const [, e] of VARIANTS) {
      const name = e.event === 'CompletePayment' ? 'Purchase' : e.event === 'SubmitForm' ? 'Lead' : e.event === 'Pageview' ? 'PageView' : (e.event as string);
      expect(emulator.meta.acceptances(PIXEL, name, e.eventId as string)).toBe(1);
    }
    const { totals, requests } = emulator.meta.records();
    expect(totals.tokenInUrl).toBe(0);
    expect(requests.every((r) => r.tokenSource === 'body' || r.faulted)).toBe(true);

    const bad = createClient({ destinations: [metaDestination(settings({ accessToken: 'expired-token' }))], logger: silentLogger });
    const stopped = await bad.send([VARIANTS[0]![1]]);
    await bad.close();
    expect(stopped.events[0]).toMatchObject({ status: 'stopped', code: 190, alert: true });
  });

  it('a wrong app secret is refused by Meta and dropped with the reason', async () => {
    const client = createClient({ destinations: [metaDestination(settings({ appSecret: 'not-the-secret' }))], logger: silentLogger });
    const report = await client.send([VARIANTS[3]![1]]);
    await client.close();
    expect(report.events[0]).toMatchObject({ status: expect.stringMatching(/dropped|stopped/), alert: true });
  });
});
