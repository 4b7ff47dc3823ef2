/**
 * Issue 12 findings 1, 4, 7 and 8 on the envelope, one named case each; every one of them
 * passed (or hung) on the old schema. The generated cases are in contract.property.test.ts.
 */
import { validateTrackRequest } from '@pixelpair/emulator';
import { describe, expect, it } from 'vitest';
import { prepareEvent } from '../prepare.js';
import { leaks, withinDeadline } from '../../test-support/fuzz.js';
import type { Issue, PrepareResult } from '../types.js';
import { formatPath, shownEventId, shownKey, zodIssues } from './issues.js';
import { envelopeSchema } from './schema.js';

const NOW_S = Math.floor(Date.now() / 1000);
const base = { event: 'AddToCart', eventId: 'cart_77_add_to_cart', eventTime: NOW_S - 60 };
const config = { pixelId: 'CPIXEL0123456789ABCD' };
const errors = (r: PrepareResult): Issue[] => (r.ok ? [] : r.errors);
const prepare = (extra: Record<string, unknown>) => prepareEvent({ ...base, ...extra }, config);

describe('finding 1: bounded before any pattern, linear on any input', () => {
  it('the reported 1 MB email shape is refused at once (the old check never finished)', () => {
    const result = withinDeadline(() => prepare({ user: { email: `a@${'.'.repeat(1 << 20)}@` } }), 5000);
    expect(errors(result)).toEqual([{ path: 'user.email', message: 'must be at most 254 characters' }]);
  });

  it('a 255-character address is an error naming the field; 254 is hashed', () => {
    const at = (n: number) => `${'a'.repeat(n - 12)}@example.com`;
    expect(errors(prepare({ user: { email: at(255) } }))).toEqual([{ path: 'user.email', message: 'must be at most 254 characters' }]);
    const ok = prepare({ user: { email: at(254) } });
    expect(ok.ok && ok.prepared.wire.user?.email).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('finding 4: what leaves satisfies v1.3, and personal data leaves only hashed, under user', () => {
  const passesEmulator = (r: PrepareResult) =>
    r.ok && validateTrackRequest({ event_source: 'web', event_source_id: config.pixelId, data: [r.prepared.wire] }, { requireEventId: true }).ok;

  it('a custom property set to null is an error (TikTok answers 40002 "Field may not be null")', () => {
    const result = prepare({ properties: { value: 10, currency: 'EUR', coupon: null } });
    expect(errors(result)).toEqual([{ path: 'properties.coupon', message: expect.stringContaining('TikTok rejects null') }]);
  });

  it.each(['email', 'phone', 'phone_number', 'external_id', 'firstName', 'zip_code'])('properties.%s is refused: identity belongs in user', (key) => {
    const result = prepare({ properties: { [key]: 'alice.tester@example.com' } });
    expect(errors(result)).toEqual([{ path: `properties.${key}`, message: 'personal data belongs in user (it is hashed there), never in properties' }]);
    expect(leaks(result)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a custom value', { note: 'alice.tester@example.com' }, 'properties.note'],
    ['a custom value in running text', { note: 'call +49 151 12345678 after six' }, 'properties.note'],
    ['the description', { description: 'for Alice.Tester@Example.com' }, 'properties.description'],
    ['the search query', { query: '+4915112345678' }, 'properties.query'],
    ['the order id', { orderId: '+4915112345678' }, 'properties.orderId'],
    ['a content name', { contents: [{ contentId: 'SKU-1', contentName: 'alice.tester@example.com' }] }, 'properties.contents[0].contentName'],
    ['a content id', { contentIds: ['alice.tester@example.com'] }, 'properties.contentIds[0]'],
  ])('plain personal data in %s is refused, without the value', (_what, properties, path) => {
    const result = prepare({ properties });
    expect(errors(result)).toEqual([{ path, message: expect.stringContaining('personal data only leaves hashed, under user') }]);
    expect(leaks(result)).toEqual([]);
  });

  it('the event name must not be personal data either', () => {
    expect(errors(prepare({ event: 'alice.tester@example.com' }))).toEqual([{ path: 'event', message: 'must not be an email address or phone number' }]);
  });

  it('page URLs lose the parts that carry personal data, and keep the rest', () => {
    const result = prepare({ page: { url: 'https://shop.example/thanks?email=alice.tester%40example.com&utm_source=tiktok#done', referrer: 'https://shop.example/u/alice.tester@example.com/orders' } });
    expect(result.ok && result.prepared.wire.page).toEqual({ url: 'https://shop.example/thanks?utm_source=tiktok#done', referrer: 'https://shop.example/' });
    expect(passesEmulator(result)).toBe(true);
    const tel = prepare({ page: { url: 'https://shop.example/callback?tel=%2B4915112345678&x=1', referrer: 'https://shop.example/?q=call+%2B49+151+12345678' } });
    expect(tel.ok && tel.prepared.wire.page).toEqual({ url: 'https://shop.example/callback?x=1', referrer: 'https://shop.example/' });
    const plain = prepare({ page: { url: 'https://shop.example/p/mug?ttclid=E.C.P.a' } });
    expect(plain.ok && plain.prepared.wire.page?.url).toBe('https://shop.example/p/mug?ttclid=E.C.P.a');
  });

  it('custom keys named constructor, prototype or __proto__ are refused, not silently dropped', () => {
    const parsed = JSON.parse('{"constructor":"x","__proto__":{"value":1e15}}') as Record<string, unknown>;
    expect(errors(prepare({ properties: parsed }))).toEqual([{ path: 'properties.__proto__', message: 'is not allowed as a property name' }]);
    expect(errors(prepare({ properties: { constructor: 'x' } }))).toEqual([{ path: 'properties.constructor', message: 'is not allowed as a property name' }]);
  });

  it('plain values still pass and satisfy the emulator', () => {
    expect(passesEmulator(prepare({ properties: { score: 7, passed: true, level: 'hard', value: 10, currency: 'EUR' } }))).toBe(true);
  });
});

describe('finding 7: keys and ids that are personal data are never echoed', () => {
  it('an email used as an unknown key is named <redacted>', () => {
    const result = prepare({ user: { 'alice.tester@example.com': 'x', emial: 'y' } });
    expect(errors(result)).toEqual([
      { path: 'user.<redacted>', message: 'unknown key (its name is not shown: it looks like personal data)' },
      { path: 'user.emial', message: 'unknown key (check its spelling against the envelope format)' },
    ]);
    expect(leaks(result.ok ? result : result.errors)).toEqual([]);
  });

  it('at any depth, and for phone numbers, over-long or control-character keys too', () => {
    const result = prepare({ '+4915112345678': 1, consent: { 'bob@example.org': 'x' }, properties: { contents: [{ contentId: 'x', ['k'.repeat(80)]: 1, 'a\nb': 2 }] } });
    expect(errors(result).map((e) => e.path).sort()).toEqual(['<redacted>', 'consent.<redacted>', 'properties.contents[0].<redacted>', 'properties.contents[0].<redacted>']);
  });

  it('formatPath and shownKey keep ordinary keys', () => {
    expect(formatPath(['properties', 'contents', 0, 'contentId'])).toBe('properties.contents[0].contentId');
    expect([shownKey('emial'), shownKey('x@y'), shownKey('(030) 1234 5678')]).toEqual(['emial', '<redacted>', '<redacted>']);
    const parsed = envelopeSchema.safeParse({ ...base, user: { 'carol@mail.example.org': 1 } });
    expect(parsed.success ? [] : zodIssues(parsed.error)).toEqual([{ path: 'user.<redacted>', message: expect.stringContaining('not shown') }]);
  });

  it('an eventId that is a phone number is refused, like an email', () => {
    expect(errors(prepare({ eventId: '+4915112345678' }))).toEqual([{ path: 'eventId', message: 'must not be a phone number (never personal data)' }]);
    expect(errors(prepare({ eventId: 'alice@example.com' }))).toEqual([{ path: 'eventId', message: 'must not contain spaces or "@" (never personal data)' }]);
    // numeric order numbers stay valid ids
    expect(prepare({ eventId: '4506589749307' }).ok).toBe(true);
  });

  it('shownEventId: what a result or log line may print of a rejected eventId', () => {
    expect(['ord_1_complete_payment', '4506589749307'].map(shownEventId)).toEqual(['ord_1_complete_payment', '4506589749307']);
    expect(['alice@example.com', '+4915112345678', '+49 151 12345678', 'a b', 'x'.repeat(129), '', 42, null].map(shownEventId)).toEqual(Array(8).fill(undefined));
  });
});

describe('finding 8: click ids and forged amounts', () => {
  it.each([
    ['CR/LF', 'E.C.P.a\r\nSet-Cookie: admin=1'], ['a semicolon', 'E.C.P.a; Domain=evil.example'], ['NUL', 'E.C.P.a\u0000'], ['a quote', 'E.C.P."a"'],
    ['1,000 characters', 'x'.repeat(1000)], ['an email', 'alice.tester@example.com'],
  ])('a ttclid or _ttp with %s is refused by core\'s click-id rule', (_what, value) => {
    const result = prepare({ user: { ttclid: value, ttp: value } });
    expect(errors(result).map((e) => e.path)).toEqual(['user.ttclid', 'user.ttp']);
    expect(JSON.stringify(result)).not.toContain(value.slice(0, 12));
  });

  it('a real ttclid and _ttp pass verbatim; an empty one counts as absent', () => {
    const result = prepare({ user: { ttclid: ' E.C.P.CvQBA1b2 ', ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1' } });
    expect(result.ok && result.prepared.wire.user).toMatchObject({ ttclid: 'E.C.P.CvQBA1b2', ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1' });
    expect(prepare({ user: { ttclid: '' } }).ok).toBe(true);
  });

  it('AddToCart with value 1e15 and quantity 1e9 is refused (it was forwarded)', () => {
    const result = prepare({ properties: { value: 1e15, currency: 'EUR', contents: [{ contentId: 'SKU-1', quantity: 1e9, price: 1e15 }] } });
    expect(errors(result).map((e) => e.path)).toEqual(['properties.value', 'properties.contents[0].quantity', 'properties.contents[0].price']);
  });
});
