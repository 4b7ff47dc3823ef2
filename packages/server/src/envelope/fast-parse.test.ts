/**
 * fastParse is a shortcut, never a second rule: on every envelope it either steps aside
 * (undefined: zod decides, with its messages) or answers exactly zod's data. Generated
 * envelopes are mostly plausible with a hostile field now and then, so both branches run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, FUZZ_RUNS, fuzzTimeout, plainEmail, plainPersonal, plainPhone } from '../../test-support/fuzz.js';
import { fastParse } from './fast-parse.js';
import { envelopeSchema } from './schema.js';

const usually = <T, U>(valid: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) => fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: odd });
const odd = fc.oneof(anyText, plainPersonal, fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.array(anyText, { maxLength: 3 }), fc.constant({ nested: 1 }), fc.string({ minLength: 250, maxLength: 600 }));
const NOW_S = 1_795_000_000;

const user = fc.record(
  {
    email: usually(fc.oneof(plainEmail, fc.array(plainEmail, { minLength: 1, maxLength: 3 })), odd),
    phone: usually(fc.oneof(plainPhone, fc.array(plainPhone, { maxLength: 22 })), odd),
    externalId: usually(fc.constantFrom('cust_1', ' User_123 '), odd),
    ttclid: usually(fc.constantFrom('E.C.P.CvQBA', ' E.C.P.x ', ''), odd),
    ttp: usually(fc.constant('01JRF870C462XP4N5ZD0W5Q3X9_.tt.1'), odd),
    fbc: usually(fc.constant('fb.1.1700000000.AbC'), odd),
    ip: usually(fc.ipV4(), odd),
    userAgent: usually(fc.constant('Mozilla/5.0'), odd),
    country: usually(fc.constantFrom('DE', 'us'), odd),
    firstName: usually(fc.constantFrom('Ann', ' Zoë '), odd),
    zip: usually(fc.constant('10115'), odd),
    gender: usually(fc.constant('f'), odd),
    emial: fc.constant('typo'),
  },
  { requiredKeys: [] },
).map((u) => (Math.abs(JSON.stringify(u).length % 7) === 0 ? u : (({ emial: _, ...rest }) => rest)(u)));
const content = fc.record(
  {
    contentId: usually(fc.oneof(fc.constantFrom('SKU-481', ' G1 '), fc.integer({ min: 0, max: 1e6 })), fc.oneof(odd, fc.constant(-1), fc.constant(1.5))),
    quantity: usually(fc.integer({ min: 0, max: 9 }), fc.oneof(odd, fc.constant(1e6 + 1))),
    price: usually(fc.double({ min: 0, max: 999, noNaN: true }), fc.oneof(odd, fc.constant('12.50'), fc.constant(-1))),
    contentName: usually(fc.constant('Mug'), odd),
    brand: usually(fc.constant('Acme'), odd),
  },
  { requiredKeys: ['contentId'] },
);
const properties = fc
  .tuple(
    fc.record(
      {
        value: usually(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.oneof(odd, fc.constant(1e12 + 1), fc.constant('129.95'))),
        currency: usually(fc.constantFrom('EUR', 'usd', ' jpy '), fc.oneof(odd, fc.constant('XYZ'))),
        contentType: usually(fc.constantFrom('product', 'product_group'), odd),
        contents: usually(fc.array(content, { maxLength: 3 }), odd),
        contentIds: usually(fc.array(fc.constantFrom('G1', ' G2 '), { maxLength: 3 }), odd),
        numItems: usually(fc.integer({ min: 0, max: 9 }), odd),
        orderId: usually(fc.constantFrom('10492', ' 7 '), odd),
        query: usually(fc.constant('mugs'), odd),
        description: usually(fc.constant('a mug'), odd),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.oneof(fc.constantFrom('score', 'level', 'email', 'ad_user_data', 'constructor'), fc.string({ maxLength: 70 })), usually(fc.oneof(fc.integer(), fc.boolean(), fc.constant('x')), odd), { maxKeys: 3 }),
  )
  .map(([known, custom]) => ({ ...custom, ...known }));
const consent = fc.record(
  {
    adUserData: usually(fc.constantFrom('granted', 'denied', 'unknown'), fc.constantFrom('GRANTED', true, 'yes', 'maybe', null)),
    adPersonalization: usually(fc.constantFrom('granted', 'denied'), fc.constantFrom(false, 1)),
    region: usually(fc.constantFrom('DE', ' US-CA '), odd),
    cmp: fc.constant('cmp'),
    decidedAt: fc.constant('2026-11-25T11:00:00Z'),
  },
  { requiredKeys: [] },
).map((c) => (JSON.stringify(c).length % 5 === 0 ? c : (({ cmp: _, ...rest }) => rest)(c)));
const envelope = fc.record(
  {
    event: usually(fc.constantFrom('Purchase', ' AddToCart ', 'QuizFinished'), odd),
    eventId: usually(fc.stringMatching(/^ord_[0-9]{1,8}_[a-z]{1,10}$/), fc.oneof(odd, plainPhone)),
    eventTime: usually(fc.integer({ min: NOW_S - 3600, max: NOW_S }), fc.oneof(odd, fc.constant(Number.NaN), fc.constant('2026-11-25T11:00:00Z'), fc.constant(new Date(0)))),
    user: usually(user, odd),
    page: usually(fc.record({ url: fc.oneof(fc.webUrl({ withQueryParameters: true }), plainEmail.map((e) => `https://shop.example/?email=${encodeURIComponent(e)}`)), referrer: fc.webUrl() }, { requiredKeys: [] }), odd),
    properties: usually(properties, odd),
    consent: usually(consent, odd),
    event_id: fc.constant('typo'),
  },
  { requiredKeys: [] },
).map((e) => (JSON.stringify(e ?? null).length % 9 === 0 ? e : (({ event_id: _, ...rest }) => rest)(e)));

describe('fastParse', () => {
  it("answers zod's data or steps aside, on every generated envelope", () => {
    let fast = 0;
    let total = 0;
    fc.assert(
      fc.property(envelope, (input) => {
        total++;
        const quick = fastParse(input);
        const zod = envelopeSchema.safeParse(input);
        if (quick === undefined) return;
        fast++;
        expect(zod.success).toBe(true);
        expect(quick).toEqual(zod.data);
      }),
      { numRuns: Math.max(2000, FUZZ_RUNS * 10) },
    );
    // the shortcut must actually be taken, or this proves nothing
    expect(fast).toBeGreaterThan(total / 20);
  }, fuzzTimeout(20));

  it('takes the shortcut for a plain purchase, and steps aside for what only zod can say', () => {
    const purchase = { event: 'Purchase', eventId: 'ord_1', eventTime: NOW_S, user: { email: 'a@b.co', phone: '+4915112345678' }, properties: { value: 1, currency: 'eur', contents: [{ contentId: 7 }] }, consent: { adUserData: 'granted' } };
    expect(fastParse(purchase)).toEqual(envelopeSchema.parse(purchase));
    expect(fastParse({ ...purchase, eventTime: '2026-11-25T11:00:00Z' })).toBeUndefined();
    expect(fastParse({ ...purchase, event_id: 'x' })).toBeUndefined();
    expect(fastParse({ ...purchase, properties: { email: 'a@b.co' } })).toBeUndefined();
    expect(fastParse({ ...purchase, consent: { adUserData: 'yes' } })).toBeUndefined();
  });
});
