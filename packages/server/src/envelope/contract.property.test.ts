/**
 * Issue 12, findings 1, 4 and 7, as properties (fast-check): whatever envelope comes in,
 * `prepareEvent` answers a payload that the emulator's independent v1.3 validator accepts,
 * or typed errors; it never throws, never runs long, never lets a length bound slip, and no
 * plain email or phone number appears in its output, warnings or errors.
 * PIXELPAIR_FUZZ_RUNS=20000 for the full size; the slowest input is printed, not asserted.
 */
import { isClickId, isSha256Hex, STANDARD_EVENTS } from '@pixelpair/core';
import { validateTrackRequest } from '@pixelpair/emulator';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareEvent, type PrepareConfig } from '../prepare.js';
import { anyText, FUZZ_RUNS, fuzzTimeout, hostileString, junkString, leaks, plainEmail, plainPersonal, plainPhone, sizeOf, slowestInput, withinDeadline } from '../../test-support/fuzz.js';
import type { PrepareResult, TikTokEvent } from '../types.js';
import { ENVELOPE_LIMITS as L } from './limits.js';

const NOW_MS = Date.UTC(2026, 10, 25, 12, 0, 0);
const NOW_S = NOW_MS / 1000;
const CONFIGS: PrepareConfig[] = [
  { pixelId: 'CPIXEL0123456789ABCD', now: NOW_MS },
  { pixelId: 'CPIXEL0123456789ABCD', now: NOW_MS, defaultCountry: 'DE', testEventCode: 'TEST42', consent: { optInWhenRegionUnknown: true } },
];
const slowest = slowestInput('prepareEvent over generated envelopes');
afterAll(() => slowest.report());

const sha = fc.stringMatching(/^[0-9a-f]{64}$/);

const eventName = fc.oneof(fc.constantFrom(...STANDARD_EVENTS, 'CompletePayment', 'SubmitForm', 'Pageview', 'QuizFinished', 'purchase'), anyText);
const eventIdArb = fc.oneof(
  fc.stringMatching(/^(ord|cart|lead|pv)_[0-9]{1,8}_[a-z_]{1,20}$/),
  fc.constantFrom('4506589749307', 'ord-2026-11-25-0001', '0000123456'),
  plainPersonal,
  anyText,
  fc.integer(),
);
const eventTime = fc.oneof(
  fc.integer({ min: NOW_S - 6 * 86400, max: NOW_S + 200 }),
  fc.constantFrom(NOW_S - 60, NOW_MS, NOW_S - 30 * 86400, NOW_S + 86400, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -1),
  fc.constantFrom(new Date(NOW_MS - 60_000).toISOString(), String(NOW_S - 60), '25/11/2026', new Date(NOW_MS - 60_000), new Date(Number.NaN)),
  anyText,
);
const identifier = (value: fc.Arbitrary<string>) => fc.oneof(value, fc.array(value, { minLength: 0, maxLength: 22 }), fc.constant(42 as unknown as string));
const clickIdArb = fc.oneof(fc.constantFrom('E.C.P.CvQBA1b2c3', '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1'), junkString, hostileString, plainPersonal);

const userArb = fc.record(
  {
    email: identifier(fc.oneof(plainEmail, sha, anyText)),
    phone: identifier(fc.oneof(plainPhone, sha, anyText)),
    externalId: identifier(fc.oneof(fc.constantFrom('cust_1', 'User_123'), anyText)),
    ttclid: clickIdArb,
    ttp: clickIdArb,
    ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('::ffff:203.0.113.4', '999.1.1.1'), anyText),
    userAgent: fc.oneof(fc.constant('Mozilla/5.0 (X11; Linux x86_64)'), anyText),
    locale: fc.oneof(fc.constantFrom('de_DE', 'en-US', 'zh-Hant-TW'), anyText),
    country: fc.oneof(fc.constantFrom('DE', 'us', 'Germany'), anyText),
    firstName: anyText,
    lastName: anyText,
    zip: anyText,
    city: fc.constantFrom('Berlin', 'São Paulo', ''),
    state: fc.constantFrom('BE', 'CA', ''),
  },
  { requiredKeys: [] },
);
const userWithStrays = fc.tuple(userArb, fc.dictionary(fc.oneof(plainEmail, fc.constantFrom('emial', 'phone_number', 'mail')), anyText, { maxKeys: 2 })).map(([u, extra]) => ({ ...u, ...extra }));

const amount = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 129.95, 1e12, 1e12 + 1, 1e15, -1, '129.95', '1000000000000000', '129,95 €'), anyText);
const quantity = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(1e6, 1e6 + 1, 1e9, 1.5, -3));
const contentArb = fc.record(
  {
    contentId: fc.oneof(fc.constantFrom('SKU-481', 'G1'), fc.integer({ min: 0, max: 1e6 }), plainPersonal, anyText),
    quantity,
    price: amount,
    contentName: fc.oneof(fc.constantFrom('Mug', 'Gift for someone'), anyText),
    contentCategory: anyText,
    brand: anyText,
  },
  { requiredKeys: ['contentId'] },
);
const customKey = fc.oneof(fc.constantFrom('score', 'level', 'email', 'phone', 'phone_number', 'external_id', 'firstName', 'ad_user_data', 'limited_data_use', '__proto__', 'constructor'), plainPersonal, fc.string({ maxLength: 70 }));
const customValue = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), anyText, plainPersonal, fc.constant({ nested: 1 }), fc.constant([1, 2]));
const propertiesArb = fc
  .tuple(
    fc.record(
      {
        value: amount,
        currency: fc.oneof(fc.constantFrom('EUR', 'usd', 'XYZ', 'JPY'), anyText),
        contentType: fc.constantFrom('product', 'product_group', 'other'),
        contents: fc.array(contentArb, { maxLength: 4 }),
        contentIds: fc.array(fc.oneof(fc.constantFrom('G1'), anyText), { maxLength: 3 }),
        numItems: quantity,
        orderId: fc.oneof(fc.constantFrom('10492'), anyText),
        query: fc.oneof(fc.constant('mugs'), anyText),
        description: anyText,
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(customKey, customValue, { maxKeys: 4 }),
  )
  .map(([known, custom]) => ({ ...custom, ...known }));
const pageUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  plainEmail.map((e) => `https://shop.example/thanks?email=${encodeURIComponent(e)}&utm_source=tt`),
  plainPhone.map((p) => `https://shop.example/callback?tel=${encodeURIComponent(p)}#top`),
  plainEmail.map((e) => `https://shop.example/unsubscribe/${e}`),
  plainEmail.map((e) => `mailto:${e}`),
  anyText,
);
const consentValue = fc.constantFrom('granted', 'denied', 'unknown', 'GRANTED', true, false, 1, 0, 'yes', 'maybe', null);
const consentArb = fc.record(
  { adUserData: consentValue, adPersonalization: consentValue, region: fc.constantFrom('DE', 'US-CA', 'FR', 'xx'), cmp: fc.oneof(fc.constant('cmp'), fc.record({ name: fc.constant('tcf:1'), version: fc.constant('2') })), decidedAt: fc.constant('2026-11-25T11:00:00Z') },
  { requiredKeys: [] },
);

/** Mostly valid, one hostile field now and then: most runs reach the wire and meet the validator. */
const usually = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) => fc.oneof({ weight: 10, arbitrary: valid }, { weight: 1, arbitrary: hostile });
const plausibleUser = fc.record(
  {
    email: usually(fc.oneof(plainEmail, sha, fc.array(plainEmail, { minLength: 1, maxLength: 3 })), identifier(anyText)),
    phone: usually(fc.oneof(plainPhone, fc.array(plainPhone, { minLength: 1, maxLength: 2 })), identifier(anyText)),
    externalId: usually(fc.constantFrom('cust_1', 'User_123'), anyText),
    ttclid: usually(fc.stringMatching(/^E\.C\.P\.[A-Za-z0-9_-]{4,40}$/), clickIdArb),
    ttp: usually(fc.constant('01JRF870C462XP4N5ZD0W5Q3X9_.tt.1'), clickIdArb),
    ip: usually(fc.oneof(fc.ipV4(), fc.ipV6()), anyText),
    userAgent: fc.constant('Mozilla/5.0 (X11; Linux x86_64)'),
    locale: usually(fc.constantFrom('de_DE', 'en-US'), anyText),
    country: usually(fc.constantFrom('DE', 'US'), anyText),
    firstName: usually(fc.constantFrom('Ann', ' Zoë '), anyText),
    city: fc.constantFrom('Berlin', 'São Paulo'),
  },
  { requiredKeys: [] },
);
const plausibleContent = fc.record(
  { contentId: usually(fc.constantFrom('SKU-481', 'G1'), fc.oneof(fc.integer({ min: 0, max: 1e6 }), plainPersonal, anyText)), quantity: usually(fc.integer({ min: 1, max: 9 }), quantity), price: usually(fc.double({ min: 0, max: 999, noNaN: true }), amount), contentName: usually(fc.constant('Mug'), anyText) },
  { requiredKeys: ['contentId'] },
);
const plausibleProperties = fc
  .tuple(
    fc.record(
      { value: usually(fc.double({ min: 0, max: 1e4, noNaN: true }), amount), currency: usually(fc.constantFrom('EUR', 'usd', 'JPY'), anyText), contents: fc.array(plausibleContent, { maxLength: 3 }), orderId: usually(fc.constantFrom('10492'), anyText), query: usually(fc.constant('mugs'), anyText) },
      { requiredKeys: [] },
    ),
    fc.dictionary(usually(fc.constantFrom('score', 'level', 'coupon', 'passed'), customKey), usually(fc.oneof(fc.boolean(), fc.integer(), fc.constantFrom('hard', 'WINTER')), customValue), { maxKeys: 3 }),
  )
  .map(([known, custom]) => ({ ...custom, ...known }));
const plausibleEnvelope = fc.record(
  {
    event: usually(fc.constantFrom(...STANDARD_EVENTS, 'CompletePayment', 'Pageview', 'QuizFinished'), eventName),
    eventId: usually(fc.stringMatching(/^(ord|cart|lead|pv)_[0-9]{1,8}_[a-z_]{1,20}$/), eventIdArb),
    eventTime: usually(fc.integer({ min: NOW_S - 6 * 86400, max: NOW_S }), eventTime),
    user: plausibleUser,
    page: fc.record({ url: usually(fc.webUrl(), pageUrl) }, { requiredKeys: [] }),
    properties: plausibleProperties,
    consent: consentArb,
  },
  { requiredKeys: ['event', 'eventId'] },
);

const envelopeArb = fc.oneof(
  { weight: 8, arbitrary: plausibleEnvelope },
  { weight: 4, arbitrary: fc.record(
    { event: eventName, eventId: eventIdArb, eventTime, user: userWithStrays, page: fc.record({ url: pageUrl, referrer: pageUrl }, { requiredKeys: [] }), properties: propertiesArb, consent: consentArb, event_id: fc.constant('x') },
    { requiredKeys: ['event', 'eventId'] },
  ) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** The plain email/phone planted in the envelope's `user` must leave only hashed; elsewhere, not at all. */
function expectNoLeak(result: PrepareResult): void {
  // The whole result, a rejected envelope's eventId included.
  expect(leaks(result)).toEqual([]);
}

/** The bounds of what leaves: every wire string fits its field. */
function expectBounded(event: TikTokEvent): void {
  expect(event.event.length).toBeLessThanOrEqual(L.event);
  expect(event.event_id.length).toBeLessThanOrEqual(L.eventId);
  const user = event.user ?? {};
  for (const key of ['email', 'phone', 'external_id'] as const) {
    const values = user[key] === undefined ? [] : ([] as string[]).concat(user[key]!);
    expect(values.length).toBeLessThanOrEqual(L.identifierValues);
    for (const v of values) expect(isSha256Hex(v)).toBe(true);
  }
  for (const key of ['first_name', 'last_name', 'zip_code'] as const) if (user[key] !== undefined) expect(isSha256Hex(user[key]!)).toBe(true);
  for (const key of ['ttclid', 'ttp'] as const) if (user[key] !== undefined) expect(isClickId(user[key])).toBe(true);
  if (user.user_agent !== undefined) expect(user.user_agent.length).toBeLessThanOrEqual(L.userAgent);
  if (user.ip !== undefined) expect(user.ip.length).toBeLessThanOrEqual(L.ip);
  for (const url of [event.page?.url, event.page?.referrer]) if (url !== undefined) expect(url.length).toBeLessThanOrEqual(L.url);
  const props = event.properties ?? {};
  expect(Object.keys(props).length).toBeLessThanOrEqual(L.properties + 3);
  for (const [key, value] of Object.entries(props)) {
    expect(key.length).toBeLessThanOrEqual(L.propertyName);
    if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(L.customValue);
  }
  if (typeof props.value === 'number') expect(props.value).toBeLessThanOrEqual(L.amount);
  const contents = (props.contents ?? []) as Array<{ quantity?: number; price?: number }>;
  expect(contents.length).toBeLessThanOrEqual(L.contents);
  for (const item of contents) {
    if (item.quantity !== undefined) expect(item.quantity).toBeLessThanOrEqual(L.quantity);
    if (item.price !== undefined) expect(item.price).toBeLessThanOrEqual(L.amount);
  }
}

function prepareOnce(envelope: unknown, config: PrepareConfig): PrepareResult {
  return slowest.time('prepareEvent', sizeOf(envelope), () => withinDeadline(() => prepareEvent(envelope, config)));
}

describe('prepareEvent over generated envelopes (property)', () => {
  it('answers a contract-valid payload or typed errors, bounded, and never leaks plain personal data', () => {
    fc.assert(
      fc.property(envelopeArb, fc.constantFrom(...CONFIGS), (envelope, config) => {
        const result = prepareOnce(envelope, config);
        if (result.ok) {
          const body = { event_source: 'web', event_source_id: config.pixelId, ...(config.testEventCode ? { test_event_code: config.testEventCode } : {}), data: [result.prepared.wire] };
          const verdict = validateTrackRequest(JSON.parse(JSON.stringify(body)), { requireEventId: true });
          expect(verdict.ok ? 'valid' : verdict.message).toBe('valid');
          expectBounded(result.prepared.wire);
          for (const w of result.prepared.warnings) expect(w).toEqual({ path: expect.any(String), message: expect.any(String) });
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(e).toEqual({ path: expect.any(String), message: expect.stringMatching(/\S/) });
        }
        expectNoLeak(result);
      }),
      { numRuns: FUZZ_RUNS * 4 },
    );
  }, fuzzTimeout(60));

  it('refuses personal data outside user, whatever the key, with the path and without the value', () => {
    fc.assert(
      fc.property(customKey, plainPersonal, fc.constantFrom('custom', 'query', 'description', 'orderId', 'contentName'), (key, pii, where) => {
        const properties: Record<string, unknown> = where === 'custom' ? { [key]: pii } : where === 'contentName' ? { contents: [{ contentId: 'SKU-1', contentName: pii }] } : { [where]: pii };
        const result = prepareOnce({ event: 'ViewContent', eventId: 'pv_1', eventTime: NOW_S - 5, properties }, CONFIGS[0]!);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.some((e) => e.path.startsWith('properties'))).toBe(true);
        expectNoLeak(result);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, fuzzTimeout(10));
});

/** One row per bounded string field: where it goes in an envelope and its bound. */
const BOUNDS: Array<[string, number, (v: string) => Record<string, unknown>]> = [
  ['user.email', L.email, (v) => ({ user: { email: v } })],
  ['user.email[1]', L.email, (v) => ({ user: { email: ['a@example.com', v] } })],
  ['user.phone', L.phone, (v) => ({ user: { phone: v } })],
  ['user.externalId', L.externalId, (v) => ({ user: { externalId: v } })],
  ['user.ttclid', L.clickId, (v) => ({ user: { ttclid: v } })],
  ['user.ttp', L.clickId, (v) => ({ user: { ttp: v } })],
  ['user.ip', L.ip, (v) => ({ user: { ip: v } })],
  ['user.userAgent', L.userAgent, (v) => ({ user: { userAgent: v } })],
  ['user.locale', L.locale, (v) => ({ user: { locale: v } })],
  ['user.country', L.country, (v) => ({ user: { country: v } })],
  ['user.firstName', L.name, (v) => ({ user: { firstName: v } })],
  ['user.zip', L.zip, (v) => ({ user: { zip: v } })],
  ['user.city', L.place, (v) => ({ user: { city: v } })],
  ['page.url', L.url, (v) => ({ page: { url: v } })],
  ['properties.currency', L.currencyText, (v) => ({ properties: { currency: v } })],
  ['properties.value', L.amountText, (v) => ({ properties: { value: v } })],
  ['properties.orderId', L.orderId, (v) => ({ properties: { orderId: v } })],
  ['properties.query', L.query, (v) => ({ properties: { query: v } })],
  ['properties.description', L.description, (v) => ({ properties: { description: v } })],
  ['properties.contents[0].contentId', L.contentId, (v) => ({ properties: { contents: [{ contentId: v }] } })],
  ['properties.contents[0].contentName', L.contentText, (v) => ({ properties: { contents: [{ contentId: 'x', contentName: v }] } })],
  ['properties.note', L.customValue, (v) => ({ properties: { note: v } })],
  ['eventTime', L.eventTimeText, (v) => ({ eventTime: v })],
  ['event', L.event, (v) => ({ event: v })],
  ['eventId', L.eventId, (v) => ({ eventId: v })],
  ['consent.region', 16, (v) => ({ consent: { region: v } })],
];

describe('every string the envelope accepts has a length bound that fits its field', () => {
  const base = { event: 'ViewContent', eventId: 'pv_1', eventTime: NOW_S - 5 };
  it.each(BOUNDS)('%s: at most %i characters, refused beyond, before any pattern runs', (path, max, place) => {
    const over = prepareOnce({ ...base, ...place('7'.repeat(max + 1)) }, CONFIGS[0]!);
    expect(over.ok ? [] : over.errors).toContainEqual({ path, message: `must be at most ${max} characters` });
    const huge = prepareOnce({ ...base, ...place(`a@${'.'.repeat(1 << 20)}@`) }, CONFIGS[0]!);
    expect(huge.ok ? [] : huge.errors).toContainEqual({ path, message: `must be at most ${max} characters` });
    const within = prepareOnce({ ...base, ...place('7'.repeat(max)) }, CONFIGS[0]!);
    expect((within.ok ? [] : within.errors).filter((e) => e.path === path && e.message === `must be at most ${max} characters`)).toEqual([]);
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['properties.value', 'a value of 1e15', { value: L.amount * 1000 }, `must be at most ${L.amount}`],
    ['properties.value', 'the same as a decimal string', { value: '1000000000000000' }, `must be at most ${L.amount}`],
    ['properties.contents[0].price', 'a price of 1e15', { contents: [{ contentId: 'x', price: 1e15 }] }, `must be at most ${L.amount}`],
    ['properties.contents[0].quantity', 'a quantity of 1e9', { contents: [{ contentId: 'x', quantity: 1e9 }] }, `must be at most ${L.quantity}`],
    ['properties.numItems', 'num_items of 1e9', { numItems: 1e9 }, `must be at most ${L.numItems}`],
    ['properties.contents', `${L.contents + 1} items`, { contents: Array.from({ length: L.contents + 1 }, () => ({ contentId: 'x' })) }, `at most ${L.contents} items`],
    ['properties', `${L.properties + 1} properties`, Object.fromEntries(Array.from({ length: L.properties + 1 }, (_, i) => [`k${i}`, i])), `at most ${L.properties} properties`],
  ])('%s: %s is refused', (path, _what, properties, message) => {
    const result = prepareOnce({ ...base, properties }, CONFIGS[0]!);
    expect(result.ok ? [] : result.errors).toContainEqual({ path, message });
  });
});

describe('a rejected eventId that is personal data is not echoed', () => {
  it.each([['alice.tester@example.com'], ['+4915112345678']])('prepareEvent does not return %s as the rejected eventId', (eventId) => {
    const result = prepareEvent({ event: 'Lead', eventId, eventTime: NOW_S - 5 }, CONFIGS[0]!);
    expect(result.ok).toBe(false);
    expect(leaks(result)).toEqual([]);
  });
});
