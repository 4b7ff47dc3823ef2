import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateEventsRequest, type MetaValidation } from './validate-events-request.js';

const sha = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const NOW_MS = Date.UTC(2026, 11, 1, 12, 0, 0);
const NOW_S = NOW_MS / 1000;
const DAY = 86_400;

/** Reference A4: Meta's worked examples, normalised value → SHA-256 (verified there with sha256sum). */
const WORKED = {
  em: ['john_smith@gmail.com', '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'],
  ph: ['16505551212', 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176'],
  fn: ['mary', '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec'],
  ln: ['valéry', '08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c'],
  ct: ['정', '8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14'],
  db: ['19970216', '01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c'],
  country: ['us', '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621'],
} as const;

const FBC = 'fb.1.1554763741205.IwAR2F4-aBcD_eFg';
const FBP = 'fb.1.1596403881668.1116446470';

/** A valid Purchase; `undefined` in `over`/`user` removes a field (a JSON round trip, as on the wire). */
function event(over: Record<string, unknown> = {}, user: Record<string, unknown> = {}) {
  return JSON.parse(JSON.stringify({
    event_name: 'Purchase', event_time: NOW_S - 60, event_id: 'ord_1', action_source: 'website',
    event_source_url: 'https://shop.example/thanks',
    user_data: { em: WORKED.em[1], ph: WORKED.ph[1], client_ip_address: '203.0.113.9', client_user_agent: 'Mozilla/5.0', fbc: FBC, fbp: FBP, ...user },
    custom_data: { value: 12.5, currency: 'EUR', contents: [{ id: 'sku-1', quantity: 2, item_price: 6.25 }], content_ids: ['sku-1'], num_items: 2, order_id: 'ord_1' },
    ...over,
  }));
}

const validate = (body: Record<string, unknown>, requireEventId = true) => validateEventsRequest(body, { requireEventId, nowMs: NOW_MS });

function rejected(result: MetaValidation) {
  if (result.ok) throw new Error('expected a rejection');
  return result.error;
}

/** The first problem of a one-event request built from `event(over, user)`. */
const problem = (over: Record<string, unknown>, user: Record<string, unknown> = {}) => rejected(validate({ data: [event(over, user)] }));

describe('Meta validator: reference worked examples (A4)', () => {
  it('the reference hashes are the SHA-256 of the normalised values', () => {
    for (const [normalised, hash] of Object.values(WORKED)) expect(sha(normalised)).toBe(hash);
    // The same phone with + hashes differently: the reference gives 1e231c66…fbc8.
    expect(sha('+16505551212')).toMatch(/^1e231c66.*fbc8$/);
  });

  it('accepts an event carrying every worked-example hash, as strings and as lists', () => {
    const user = Object.fromEntries(Object.entries(WORKED).map(([key, [, hash]]) => [key, hash]));
    expect(validate({ data: [event({}, user)], test_event_code: 'TEST123' })).toMatchObject({ ok: true });
    expect(validate({ data: [event({}, { em: [WORKED.em[1], sha('other@example.com')], external_id: [sha('visitor-1')] })] }).ok).toBe(true);
  });

  it.each([
    ['em', 'John_Smith@gmail.com', /plain email/],
    ['em', 'john_smith@gmail.com', /plain email/],
    ['ph', '(650)555-1212', /plain phone/],
    ['ph', '16505551212', /plain phone/],
    ['ph', '+16505551212', /plain phone/],
    ['fn', 'Mary', /Not a SHA-256/],
    ['ln', 'Valéry', /Not a SHA-256/],
    ['db', '19970216', /Not a SHA-256/],
    ['country', 'us', /Not a SHA-256/],
    ['em', WORKED.em[1].toUpperCase(), /Upper-case hex/],
    ['em', `${WORKED.em[1]}.AQQCAQMB`, /param-builder appendix/],
    ['em', 'd41d8cd98f00b204e9800998ecf8427e', /MD5/],
    ['ph', '', /Empty string/],
  ])('refuses user_data.%s = %j without echoing it', (key, value, reason) => {
    const error = problem({}, { [key]: value });
    expect(error).toMatchObject({ status: 400, code: 100, type: 'OAuthException', transient: false });
    expect(error.userMsg).toMatch(new RegExp(`^data\\[0\\]\\.user_data\\.${key}: `));
    expect(error.userMsg).toMatch(reason);
    if (value.length > 3) expect(JSON.stringify(error)).not.toContain(value);
  });

  it('names the list index of a bad hash in an array', () => {
    expect(problem({}, { em: [WORKED.em[1], 'plain@example.com'] }).userMsg).toMatch(/^data\[0\]\.user_data\.em\[1\]: .*plain email/);
    expect(problem({}, { em: [] }).userMsg).toMatch(/em: Empty list/);
  });
});

describe('Meta validator: the 7-day rule and event_time', () => {
  it('fails the WHOLE request when any one event is older than 7 days (100 / 2804003)', () => {
    const body = { data: [event({ event_id: 'a' }), event({ event_id: 'b', event_time: NOW_S - 8 * DAY }), event({ event_id: 'c' })] };
    const error = rejected(validate(body));
    expect(error).toMatchObject({ status: 400, code: 100, subcode: 2804003, userTitle: 'Event Timestamp Too Old' });
    expect(error.userMsg).toMatch(/^data\[1\]\.event_time: this event is 8 days old/);
  });

  it('accepts an event just inside 7 days and refuses one just past it', () => {
    expect(validate({ data: [event({ event_time: NOW_S - 7 * DAY })] }).ok).toBe(true);
    expect(rejected(validate({ data: [event({ event_time: NOW_S - 7 * DAY - 1 })] })).subcode).toBe(2804003);
  });

  it('refuses event_time more than 5 minutes ahead, milliseconds, strings and fractions', () => {
    expect(validate({ data: [event({ event_time: NOW_S + 240 })] }).ok).toBe(true);
    expect(problem({ event_time: NOW_S + 400 }).userMsg).toMatch(/event_time: event_time is 400 s in the future/);
    expect(problem({ event_time: NOW_MS }).userMsg).toMatch(/looks like milliseconds/);
    expect(problem({ event_time: String(NOW_S) }).userMsg).toMatch(/not a string/);
    expect(problem({ event_time: NOW_S + 0.5 }).userMsg).toMatch(/Not an integer/);
    expect(problem({ event_time: undefined }).userMsg).toMatch(/event_time: Missing required field/);
  });
});

describe('Meta validator: website event fields', () => {
  it('needs action_source "website", event_source_url and a raw client_user_agent', () => {
    expect(problem({ action_source: undefined }).userMsg).toMatch(/action_source: Missing required field/);
    expect(problem({ action_source: 'Website' }).userMsg).toMatch(/action_source: Must be one of: email, website/);
    expect(problem({ action_source: 'physical_store' }).userMsg).toMatch(/website events only/);
    expect(problem({ event_source_url: undefined }).userMsg).toMatch(/event_source_url: Missing required field/);
    expect(problem({ event_source_url: '/thanks' }).userMsg).toMatch(/event_source_url: Not an absolute URL/);
    expect(problem({}, { client_user_agent: undefined }).userMsg).toMatch(/user_data\.client_user_agent: Missing required field/);
    expect(problem({}, { client_user_agent: sha('Mozilla/5.0') }).userMsg).toMatch(/never be hashed/);
    expect(problem({ user_data: undefined }).userMsg).toMatch(/user_data: Missing required field/);
  });

  it('checks event_name and event_id, and refuses null anywhere', () => {
    expect(problem({ event_name: undefined }).userMsg).toMatch(/event_name: Missing required field/);
    expect(problem({ event_name: '' }).userMsg).toMatch(/event_name: Not a valid non-empty string/);
    expect(problem({ event_id: 42 }).userMsg).toMatch(/event_id: Not a valid non-empty string/);
    expect(problem({ event_id: undefined }).userMsg).toMatch(/event_id: Missing required field/);
    expect(validate({ data: [event({ event_id: undefined })] }, false).ok).toBe(true);
    expect(problem({ opt_out: null }).userMsg).toMatch(/opt_out: Field may not be null/);
    expect(problem({ opt_out: 'yes' }).userMsg).toMatch(/opt_out: Not a valid boolean/);
    expect(validate({ data: [event({ opt_out: true, referrer_url: 'https://ads.example/' })] }).ok).toBe(true);
  });

  it('gives TikTok-shaped or misspelt fields a hint', () => {
    expect(problem({ event: 'Purchase' }).userMsg).toMatch(/event: Unknown field. Meta names it event_name/);
    expect(problem({ user: {} }).userMsg).toMatch(/Meta uses user_data/);
    expect(problem({ properties: {} }).userMsg).toMatch(/Meta uses custom_data/);
    expect(problem({ eventID: 'x' }).userMsg).toMatch(/eventID is event_id/);
    expect(problem({ app_data: {} }).userMsg).toMatch(/app or messaging events/);
    expect(problem({}, { ip: '203.0.113.9' }).userMsg).toMatch(/user_data\.ip: .*client_ip_address/);
    expect(problem({}, { ttclid: 'E.C.P.x' }).userMsg).toMatch(/TikTok/);
  });

  it('wants client_ip_address raw and valid, IPv4 or IPv6', () => {
    expect(validate({ data: [event({}, { client_ip_address: '2001:db8::1' })] }).ok).toBe(true);
    expect(problem({}, { client_ip_address: '203.0.113.9:443' }).userMsg).toMatch(/Not a valid IPv4 or IPv6/);
    expect(problem({}, { client_ip_address: ' 203.0.113.9' }).userMsg).toMatch(/Not a valid IPv4 or IPv6/);
    expect(problem({}, { client_ip_address: sha('203.0.113.9') }).userMsg).toMatch(/never be hashed/);
  });

  it('checks fbc and fbp formats, including the seconds-instead-of-milliseconds mistake', () => {
    expect(validate({ data: [event({}, { fbc: 'fb.2.1554763741205.AbC-xyz_123' })] }).ok).toBe(true);
    expect(problem({}, { fbc: 'fb.1.1554763741.IwAR2F4' }).userMsg).toMatch(/fbc has 10 digits, i.e. seconds/);
    expect(problem({}, { fbp: 'fb.1.1596403881.1116446470' }).userMsg).toMatch(/fbp has 10 digits, i.e. seconds/);
    expect(problem({}, { fbc: 'IwAR2F4-aBcD_eFg' }).userMsg).toMatch(/Not a valid fbc: expected fb\.\{subdomain index\}/);
    expect(problem({}, { fbp: 'fb.1.1596403881668.abc' }).userMsg).toMatch(/Not a valid fbp/);
    expect(problem({}, { fbc: sha(FBC) }).userMsg).toMatch(/Looks hashed/);
    expect(problem({}, { fbc: `fb.1.${NOW_MS + 3 * DAY * 1000}.IwAR` }).userMsg).toMatch(/in the future/);
  });
});

describe('Meta validator: custom_data', () => {
  it('requires value and currency on Purchase only', () => {
    expect(problem({ custom_data: undefined }).userMsg).toMatch(/custom_data\.value: Missing required field: Purchase needs/);
    expect(problem({ custom_data: { value: 3 } }).userMsg).toMatch(/custom_data\.currency: Missing required field/);
    expect(problem({ custom_data: { currency: 'EUR', order_id: 'ord_1' } }).userMsg).toMatch(/custom_data\.value: Missing required field/);
    expect(validate({ data: [event({ event_name: 'ViewContent', custom_data: undefined })] }).ok).toBe(true);
  });

  it('types the commerce keys and allows custom keys', () => {
    expect(validate({ data: [event({ custom_data: { value: 1, currency: 'usd', search_string: 'red shoes', promo: 'spring', content_type: 'product' } })] }).ok).toBe(true);
    const cd = (custom: Record<string, unknown>) => problem({ custom_data: { value: 1, currency: 'EUR', ...custom } }).userMsg;
    expect(cd({ value: '12.50' })).toMatch(/custom_data\.value: Not a number: send a JSON number/);
    expect(cd({ currency: 'EURO' })).toMatch(/three-letter ISO 4217/);
    expect(cd({ currency: 'XYZ' })).toMatch(/Not an ISO 4217 currency code/);
    expect(cd({ contents: [{ id: 'sku-1' }] })).toMatch(/contents\[0\]\.quantity: Missing required field/);
    expect(cd({ contents: [{ quantity: 1 }] })).toMatch(/contents\[0\]\.id: Missing required field/);
    expect(cd({ contents: [{ content_id: 'sku-1', quantity: 1 }] })).toMatch(/contents\[0\]\.content_id: .*contents\[\]\.id/);
    expect(cd({ contents: [{ id: 'sku-1', quantity: 1, price: 2 }] })).toMatch(/item_price/);
    expect(cd({ contents: [{ id: 'sku-1', quantity: 1.5 }] })).toMatch(/quantity: Not a positive integer/);
    expect(cd({ content_ids: ['sku-1', 7] })).toMatch(/content_ids\[1\]: Not a valid non-empty string/);
    expect(cd({ num_items: 2.5 })).toMatch(/num_items: Not a non-negative integer/);
    expect(cd({ order_id: 10492 })).toMatch(/order_id: Not a valid string/);
    expect(cd({ em: WORKED.em[1] })).toMatch(/Identity does not belong in custom_data/);
  });
});

describe('Meta validator: Limited Data Use', () => {
  const ldu = (fields: Record<string, unknown>, user: Record<string, unknown> = {}) => validate({ data: [event(fields, user)] });

  it('accepts ["LDU"] with a state from the reference set, or geolocation with an IP, and [] as "no LDU"', () => {
    expect(ldu({ data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: 1000 }).ok).toBe(true);
    expect(ldu({ data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: 1013 }).ok).toBe(true);
    expect(ldu({ data_processing_options: ['LDU'], data_processing_options_country: 0, data_processing_options_state: 0 }).ok).toBe(true);
    expect(ldu({ data_processing_options: ['LDU'] }).ok).toBe(true);
    expect(ldu({ data_processing_options: [] }).ok).toBe(true);
  });

  it('refuses other options, states outside the set, half a location, and a location without LDU', () => {
    const msg = (fields: Record<string, unknown>, user?: Record<string, unknown>) => rejected(ldu(fields, user)).userMsg;
    expect(msg({ data_processing_options: ['ldu'] })).toMatch(/data_processing_options: Only \["LDU"\]/);
    expect(msg({ data_processing_options: ['LDU', 'LDU'] })).toMatch(/Only \["LDU"\]/);
    expect(msg({ data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: 1014 })).toMatch(/_state: Must be 0 \(geolocate\) or a state code 1000/);
    expect(msg({ data_processing_options: ['LDU'], data_processing_options_country: 2, data_processing_options_state: 0 })).toMatch(/_country: Must be the integer 1/);
    expect(msg({ data_processing_options: ['LDU'], data_processing_options_country: 1 })).toMatch(/_state: Missing required field/);
    expect(msg({ data_processing_options: ['LDU'], data_processing_options_state: 1000 })).toMatch(/_country: Missing required field/);
    expect(msg({ data_processing_options: ['LDU'], data_processing_options_country: 0, data_processing_options_state: 1000 })).toMatch(/needs data_processing_options_country 1/);
    expect(msg({ data_processing_options: ['LDU'] }, { client_ip_address: undefined })).toMatch(/cannot geolocate/);
    expect(msg({ data_processing_options_country: 1, data_processing_options_state: 1000 })).toMatch(/Only meaningful with data_processing_options \["LDU"\]/);
  });
});

describe('Meta validator: customer information and the batch', () => {
  const only = (user: Record<string, unknown>) => ({
    data: [event({}, { em: undefined, ph: undefined, fbc: undefined, fbp: undefined, client_ip_address: undefined, ...user })],
  });

  it('refuses an event nothing can match on (100 / 2804050), and accepts one strong key', () => {
    const error = rejected(validate(only({})));
    expect(error).toMatchObject({ status: 400, code: 100, subcode: 2804050 });
    expect(error.userMsg).toMatch(/^data\[0\]\.user_data: no customer information/);
    for (const user of [{ external_id: sha('visitor-1') }, { fbp: FBP }, { fbc: FBC }, { ph: WORKED.ph[1] }, { client_ip_address: '203.0.113.9' }]) {
      expect(validate(only(user)).ok).toBe(true);
    }
  });

  it('takes 1 to 1000 events, and one bad event rejects the whole batch', () => {
    expect(rejected(validate({ data: [] })).userMsg).toMatch(/^data: Length must be between 1 and 1000; got 0/);
    expect(rejected(validate({ data: Array.from({ length: 1001 }, () => event()) })).userMsg).toMatch(/got 1001/);
    expect(validate({ data: Array.from({ length: 1000 }, (_, i) => event({ event_id: `e${i}` })) }).ok).toBe(true);
    const batch = Array.from({ length: 50 }, (_, i) => event({ event_id: `e${i}` }));
    batch[37] = event({ event_id: 'e37' }, { ph: '16505551212' });
    expect(rejected(validate({ data: batch })).userMsg).toMatch(/^data\[37\]\.user_data\.ph: /);
  });

  it('refuses unknown top-level fields, data as a string, and an empty test_event_code', () => {
    expect(rejected(validate({ data: [event()], partner_agent: 'pixelpair' })).userMsg).toMatch(/^partner_agent: .*self-built toolkit omits it/);
    expect(rejected(validate({ data: [event()], event_source_id: '1' })).userMsg).toMatch(/TikTok/);
    expect(rejected(validate({ data: JSON.stringify([event()]) })).userMsg).toMatch(/only for form posts/);
    expect(rejected(validate({})).userMsg).toMatch(/^data: Missing required field/);
    expect(rejected(validate({ data: [event()], test_event_code: '' })).userMsg).toMatch(/^test_event_code: /);
  });
});
