import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateTrackRequest } from './validate-request.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const strict = { requireEventId: true };

function validBody(): Record<string, any> {
  return {
    event_source: 'web',
    event_source_id: 'CPIXEL123',
    test_event_code: 'TEST123',
    data: [{
      event: 'CompletePayment',
      event_time: 1776943380,
      event_id: 'ord_10492_complete_payment',
      user: {
        email: sha('alice_abc@gmail.com'), phone: [sha('+12133734253')], external_id: sha('user_123'),
        ttclid: 'E.C.P.abc', ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1', ip: '203.0.113.9', user_agent: 'Mozilla/5.0', locale: 'en-US',
      },
      page: { url: 'https://shop.example/thanks?ttclid=E.C.P.abc', referrer: 'https://shop.example/pay' },
      properties: {
        contents: [{ content_id: 'sku-1', content_name: 'Mug', price: 12.5, quantity: 2, brand: 'Acme' }],
        content_type: 'product', currency: 'EUR', value: 25, order_id: '10492', custom_flag: 'x',
      },
      limited_data_use: false,
    }],
  };
}

function withChange(change: (body: Record<string, any>) => void) {
  const body = validBody();
  change(body);
  return validateTrackRequest(body, strict);
}

describe('validateTrackRequest', () => {
  it('accepts a complete valid web body', () => {
    const result = validateTrackRequest(validBody(), strict);
    expect(result.ok).toBe(true);
  });

  it('accepts the minimal body and 1000 events', () => {
    const event = { event: 'Pageview', event_time: 1776943380, event_id: 'pv_1' };
    expect(validateTrackRequest({ event_source: 'web', event_source_id: 'P', data: [event] }, strict).ok).toBe(true);
    expect(validateTrackRequest({ event_source: 'web', event_source_id: 'P', data: Array(1000).fill(event) }, strict).ok).toBe(true);
  });

  it('tolerates a registered partner_name and rejects any other with 40063', () => {
    expect(withChange((b) => { b.partner_name = 'Segment'; }).ok).toBe(true);
    expect(withChange((b) => { b.partner_name = 'pixelpair'; })).toMatchObject({ ok: false, code: 40063 });
  });

  const cases: Array<[string, (b: Record<string, any>) => void, number, string]> = [
    ['unknown top-level field', (b) => { b.foo = 1; }, 40002, 'foo: Unknown field'],
    ['legacy pixel_code', (b) => { b.pixel_code = 'P'; }, 40002, 'pixel_code: Unknown field'],
    ['missing event_source', (b) => { delete b.event_source; }, 40002, 'event_source: Missing data for required field'],
    ['event_source app', (b) => { b.event_source = 'app'; }, 40002, 'event_source: The stand-in models web events only'],
    ['event_source nonsense', (b) => { b.event_source = 'site'; }, 40002, 'event_source: Must be one of'],
    ['numeric event_source_id', (b) => { b.event_source_id = 123; }, 40002, 'event_source_id: Invalid value for event_source_id: Not a valid string'],
    ['numeric test_event_code', (b) => { b.test_event_code = 1; }, 40002, 'test_event_code: Not a valid string'],
    ['missing data', (b) => { delete b.data; }, 40002, 'data: Missing data for required field'],
    ['data not a list', (b) => { b.data = {}; }, 40002, 'data: Not a valid list'],
    ['empty data', (b) => { b.data = []; }, 40061, 'data: Length must be between 1 and 1000'],
    ['1001 events', (b) => { b.data = Array(1001).fill(b.data[0]); }, 40061, 'data: Length must be between 1 and 1000'],
    ['missing event', (b) => { delete b.data[0].event; }, 40002, 'data.0.event: Missing data for required field'],
    ['numeric event', (b) => { b.data[0].event = 5; }, 40002, 'data.0.event: Not a valid string'],
    ['missing event_time', (b) => { delete b.data[0].event_time; }, 40002, 'data.0.event_time: Missing data for required field'],
    ['event_time in ms', (b) => { b.data[0].event_time = 1776943380123; }, 40002, 'data.0.event_time: Not a valid Unix time in seconds: the value looks like milliseconds'],
    ['event_time ISO string', (b) => { b.data[0].event_time = '2026-04-23T11:23:00Z'; }, 40002, 'data.0.event_time: Not a valid integer'],
    ['event_time numeric string', (b) => { b.data[0].event_time = '1776943380'; }, 40002, 'data.0.event_time: Not a valid integer'],
    ['event_time fraction', (b) => { b.data[0].event_time = 1776943380.5; }, 40002, 'data.0.event_time: Not a valid integer'],
    ['numeric event_id', (b) => { b.data[0].event_id = 12345; }, 40002, 'data.0.event_id: Not a valid string'],
    ['missing event_id', (b) => { delete b.data[0].event_id; }, 40002, 'data.0.event_id: Missing data for required field'],
    ['legacy timestamp', (b) => { b.data[0].timestamp = '2026-04-23T11:23:00Z'; }, 40002, 'data.0.timestamp: Unknown field. timestamp (ISO-8601) is the legacy'],
    ['unknown event field', (b) => { b.data[0].consent = {}; }, 40002, 'data.0.consent: Unknown field'],
    ['limited_data_use string', (b) => { b.data[0].limited_data_use = 'true'; }, 40002, 'data.0.limited_data_use: Not a valid boolean'],
    ['app block on web', (b) => { b.data[0].app = { app_id: '1' }; }, 40002, 'data.0.app: Only allowed for app events'],
    ['phone_number', (b) => { b.data[0].user.phone_number = sha('+12133734253'); }, 40002, 'data.0.user.phone_number: Unknown field. v1.3 event/track uses user.phone'],
    ['plain email', (b) => { b.data[0].user.email = 'alice@example.com'; }, 40062, 'data.0.user.email: Not a SHA-256 hash'],
    ['upper-case hash', (b) => { b.data[0].user.email = sha('a').toUpperCase(); }, 40062, 'data.0.user.email: Not a SHA-256 hash'],
    ['plain phone in array', (b) => { b.data[0].user.phone = [sha('+1'), '+12133734253']; }, 40062, 'data.0.user.phone.1: Not a SHA-256 hash'],
    ['numeric external_id', (b) => { b.data[0].user.external_id = 42; }, 40002, 'data.0.user.external_id: Not a valid string'],
    ['bad ip', (b) => { b.data[0].user.ip = '999.1.1.1'; }, 40002, 'data.0.user.ip: Not a valid IPv4 or IPv6 address'],
    ['null ttclid', (b) => { b.data[0].user.ttclid = null; }, 40002, 'data.0.user.ttclid: Field may not be null'],
    ['unknown user field', (b) => { b.data[0].user.nickname = 'x'; }, 40002, 'data.0.user.nickname: Unknown field'],
    ['idfa on web', (b) => { b.data[0].user.idfa = 'X'; }, 40002, 'data.0.user.idfa: Only allowed for app events'],
    ['user not an object', (b) => { b.data[0].user = 'x'; }, 40002, 'data.0.user: Not a valid mapping type'],
    ['page unknown field', (b) => { b.data[0].page.title = 'x'; }, 40002, 'data.0.page.title: Unknown field'],
    ['numeric content_id', (b) => { b.data[0].properties.contents[0].content_id = 1; }, 40002, 'data.0.properties.contents.0.content_id: Not a valid string'],
    ['string price', (b) => { b.data[0].properties.contents[0].price = '12.50'; }, 40002, 'data.0.properties.contents.0.price: Not a valid number'],
    ['fractional quantity', (b) => { b.data[0].properties.contents[0].quantity = 1.5; }, 40002, 'data.0.properties.contents.0.quantity: Not a valid integer'],
    ['unknown currency', (b) => { b.data[0].properties.currency = 'XBT'; }, 40002, 'data.0.properties.currency: Not a supported currency'],
    ['lower-case currency', (b) => { b.data[0].properties.currency = 'eur'; }, 40002, 'data.0.properties.currency: Not a supported currency'],
    ['string value', (b) => { b.data[0].properties.value = '25.00'; }, 40002, 'data.0.properties.value: Not a valid number'],
    ['bad content_type', (b) => { b.data[0].properties.content_type = 'sku'; }, 40002, 'data.0.properties.content_type: Must be one of: product, product_group'],
    ['numeric content_ids', (b) => { b.data[0].properties.content_ids = ['a', 2]; }, 40002, 'data.0.properties.content_ids.1: Not a valid string'],
    ['misspelt contents_ids', (b) => { b.data[0].properties.contents_ids = ['a']; }, 40002, 'data.0.properties.contents_ids: Unknown field. Did you mean content_ids?'],
    ['email in properties', (b) => { b.data[0].properties.email = 'x'; }, 40002, 'data.0.properties.email: Identity belongs in user'],
    ['second event bad', (b) => { b.data.push({ ...b.data[0], event_id: 7 }); }, 40002, 'data.1.event_id: Not a valid string'],
  ];

  it.each(cases)('rejects %s', (_name, change, code, message) => {
    const result = withChange(change);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message.startsWith(message)).toBe(true);
  });

  it('never echoes a rejected identifier value', () => {
    const result = withChange((b) => { b.data[0].user.email = 'alice@example.com'; });
    expect(JSON.stringify(result)).not.toContain('alice@example.com');
  });

  it('allows a missing event_id when requireEventId is off', () => {
    const body = validBody();
    delete body.data[0].event_id;
    expect(validateTrackRequest(body, { requireEventId: false }).ok).toBe(true);
  });

  it('rejects non-object bodies', () => {
    expect(validateTrackRequest([], strict)).toMatchObject({ ok: false, code: 40002, message: expect.stringContaining('body:') });
  });
});
