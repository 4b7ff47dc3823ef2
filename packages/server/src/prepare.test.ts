import { describe, expect, it } from 'vitest';
import { sha256Hex } from './normalize/hash.js';
import { prepareEvent, type PrepareConfig } from './prepare.js';
import type { PrepareResult } from './types.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const NOW_S = NOW / 1000;
const config: PrepareConfig = { pixelId: 'CPIXEL0123456789ABCD', now: NOW, defaultCountry: 'DE' };
const base = { event: 'CompletePayment', eventId: 'ord_10492_complete_payment', eventTime: NOW_S - 60 };

function ok(r: PrepareResult) {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.prepared;
}
function errors(r: PrepareResult) {
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('event_time checks', () => {
  it.each<[unknown, number]>([
    [NOW_S - 60, NOW_S - 60],
    [String(NOW_S - 60), NOW_S - 60],
    ['2026-11-25T11:59:00Z', NOW_S - 60],
    ['2026-11-25T12:59:00+01:00', NOW_S - 60],
    [new Date(NOW - 60_000), NOW_S - 60],
  ])('%j → integer seconds', (eventTime, seconds) => {
    expect(ok(prepareEvent({ ...base, eventTime }, config)).wire.event_time).toBe(seconds);
  });

  it.each<[unknown, string]>([
    [NOW - 60_000, 'looks like milliseconds'],
    [NOW_S - 8 * 86400, 'older than the 7-day window'],
    [NOW_S + 3600, 'in the future'],
    ['yesterday', 'ISO-8601'],
    ['2026-13-45T00:00:00Z', 'ISO-8601'],
  ])('%j is an error (%s)', (eventTime, message) => {
    expect(errors(prepareEvent({ ...base, eventTime }, config))).toEqual([{ path: 'eventTime', message: expect.stringContaining(message) }]);
  });

  it('honours a configured window and tolerates small clock skew', () => {
    expect(prepareEvent({ ...base, eventTime: NOW_S - 8 * 86400 }, { ...config, maxAgeSeconds: 28 * 86400 }).ok).toBe(true);
    expect(prepareEvent({ ...base, eventTime: NOW_S + 120 }, config).ok).toBe(true);
  });

  it('uses the send time, with a warning, when eventTime is missing', () => {
    const { eventTime: _, ...rest } = base;
    const p = ok(prepareEvent(rest, config));
    expect(p.wire.event_time).toBe(NOW_S);
    expect(p.warnings).toContainEqual({ path: 'eventTime', message: expect.stringContaining('missing') });
  });
});

describe('properties checks', () => {
  it('maps to v1.3 snake_case with string content ids and query as search_string too', () => {
    const p = ok(
      prepareEvent(
        {
          ...base,
          properties: { value: '129.95', currency: 'eur', contentType: 'product', contents: [{ contentId: 481, quantity: 2, price: 64.975, contentName: 'Mug' }], orderId: '10492', query: 'mug', numItems: 2, gift: true },
        },
        config,
      ),
    );
    expect(p.wire.properties).toEqual({
      value: 129.95,
      currency: 'EUR',
      content_type: 'product',
      contents: [{ content_id: '481', quantity: 2, price: 64.975, content_name: 'Mug' }],
      order_id: '10492',
      query: 'mug',
      search_string: 'mug',
      num_items: 2,
      gift: true,
    });
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ currency: 'XYZ', value: 1 }, 'properties.currency', "not in TikTok's currency list"],
    [{ currency: 'euro', value: 1 }, 'properties.currency', '3-letter'],
    [{ value: -1, currency: 'EUR' }, 'properties.value', 'negative'],
    [{ value: '129,95 €', currency: 'EUR' }, 'properties.value', 'number'],
    [{ value: Number.POSITIVE_INFINITY, currency: 'EUR' }, 'properties.value', ''],
    [{ contents: [{ contentId: { id: 1 } }] }, 'properties.contents[0].contentId', 'string'],
    [{ contents: [{ contentId: 'a', quantity: 1.5 }] }, 'properties.contents[0].quantity', 'whole number'],
    [{ contentType: 'sku' }, 'properties.contentType', 'product'],
    [{ nested: { a: 1 } }, 'properties.nested', 'custom properties'],
  ])('%j → error at %s', (properties, path, message) => {
    expect(errors(prepareEvent({ ...base, properties }, config))).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('warns about revenue without currency and a purchase without value', () => {
    expect(ok(prepareEvent({ ...base, properties: { value: 5 } }, config)).warnings).toContainEqual({ path: 'properties.currency', message: expect.any(String) });
    expect(ok(prepareEvent({ ...base, properties: {} }, config)).warnings).toContainEqual({ path: 'properties.value', message: expect.any(String) });
  });

  it('ignores forged consent properties and sets them from the consent policy', () => {
    const p = ok(prepareEvent({ ...base, properties: { ad_user_data: 'GRANTED' }, consent: { adUserData: 'denied', adPersonalization: 'granted' } }, config));
    expect(p.wire.properties?.ad_user_data).toBe('DENIED');
    expect(p.warnings).toContainEqual({ path: 'properties.ad_user_data', message: expect.stringContaining('ignored') });
  });
});

describe('envelope shape', () => {
  it('names every problem with its path, without quoting values', () => {
    const errs = errors(prepareEvent({ event: '', eventId: 10492, event_time: 1, user: { emial: 'alice@example.com' } }, config));
    expect(errs).toEqual(
      expect.arrayContaining([
        { path: 'event', message: 'must not be empty' },
        { path: 'eventId', message: expect.stringContaining('must be a string') },
        { path: 'event_time', message: expect.stringContaining('unknown key') },
        { path: 'user.emial', message: expect.stringContaining('unknown key') },
      ]),
    );
    expect(JSON.stringify(errs)).not.toContain('alice');
  });

  it('rejects non-objects and returns the eventId when it can', () => {
    expect(errors(prepareEvent(null, config))[0]?.path).toBe('');
    const r = prepareEvent({ ...base, eventTime: 'soon' }, config);
    expect(r.ok ? undefined : r.eventId).toBe(base.eventId);
  });

  it.each([
    ['Purchase', false],
    ['CompletePayment', false],
    ['Pageview', false],
    ['MyCustomThing', true],
  ])('event name %s is allowed (custom warns: %s)', (event, warns) => {
    const p = ok(prepareEvent({ ...base, event }, config));
    expect(p.wire.event).toBe(event);
    expect(p.warnings.some((w) => w.path === 'event')).toBe(warns);
  });

  it.each(['ord 1', 'a@b', ''])('rejects event id %j', (eventId) => {
    expect(errors(prepareEvent({ ...base, eventId }, config))[0]?.path).toBe('eventId');
  });
});

describe('user: hashing, arrays, drops, consent', () => {
  const user = {
    email: [' ALICE_abc@gmail.com ', 'alice_abc@gmail.com', 'not-an-email'],
    phone: '0170 1234567',
    externalId: 'user_123',
    firstName: ' Alice ',
    zip: '10 115',
    city: 'Berlin',
    country: 'DE',
    ttclid: 'E.C.P.CvQBA',
    ttp: '2.x9Jb3x',
    ip: '203.0.113.42',
    userAgent: 'Mozilla/5.0',
    locale: 'de_DE',
  };

  it('hashes identifiers, dedups arrays and drops invalid values with a warning naming the path', () => {
    const p = ok(prepareEvent({ ...base, user, consent: { adUserData: 'granted', adPersonalization: 'granted' } }, config));
    expect(p.wire.user).toEqual({
      email: sha256Hex('alice_abc@gmail.com'),
      phone: sha256Hex('+491701234567'),
      external_id: sha256Hex('user_123'),
      first_name: sha256Hex('alice'),
      zip_code: sha256Hex('10115'),
      city: 'berlin',
      country: 'de',
      ttclid: 'E.C.P.CvQBA',
      ttp: '2.x9Jb3x',
      ip: '203.0.113.42',
      user_agent: 'Mozilla/5.0',
      locale: 'de-DE',
    });
    expect(p.warnings.filter((w) => w.path.startsWith('user'))).toEqual([{ path: 'user.email[2]', message: 'not a valid email: dropped' }]);
    expect(p.wire.limited_data_use).toBeUndefined();
  });

  it('drops an invalid phone with a warning and keeps the rest', () => {
    const p = ok(prepareEvent({ ...base, user: { phone: '12', email: 'a@example.com' } }, { ...config, defaultCountry: undefined }));
    expect(p.wire.user?.phone).toBeUndefined();
    expect(p.wire.user?.email).toBe(sha256Hex('a@example.com'));
    expect(p.warnings[0]?.path).toBe('user.phone');
  });

  it('adUserData denied: no personal data leaves, context keys stay, denial forwarded', () => {
    const p = ok(prepareEvent({ ...base, user, consent: { adUserData: 'denied', adPersonalization: 'denied', region: 'DE', cmp: 'cookiebot' } }, config));
    expect(Object.keys(p.wire.user ?? {}).sort()).toEqual(['ip', 'locale', 'ttclid', 'ttp', 'user_agent']);
    expect(p.wire.limited_data_use).toBe(true);
    expect(p.wire.properties).toMatchObject({ ad_user_data: 'DENIED', ad_personalization: 'DENIED' });
    expect(JSON.stringify(p.wire)).not.toMatch(/region|cookiebot/);
    expect(p.log.consent).toMatchObject({ region: 'DE', cmp: { name: 'cookiebot' } });
    expect(p.log.matchKeys).toEqual({ email: false, phone: false, external_id: false, ttclid: true, ttp: true, ip_user_agent: true });
  });

  it('unknown consent in an opt-in country (from user.country) counts as denied', () => {
    const p = ok(prepareEvent({ ...base, user }, config));
    expect(p.wire.user?.email).toBeUndefined();
    expect(p.wire.limited_data_use).toBe(true);
  });

  it('consent properties can be switched off', () => {
    const p = ok(prepareEvent({ ...base, consent: { adUserData: 'granted', adPersonalization: 'denied' } }, { ...config, consent: { forwardConsentProperties: false } }));
    expect(p.wire.properties?.ad_user_data).toBeUndefined();
    expect(p.wire.limited_data_use).toBe(true);
  });

  it.each<[unknown, string | undefined]>([
    ['GRANTED', 'granted'],
    [true, 'granted'],
    ['no', 'denied'],
    [0, 'denied'],
    ['unknown', 'unknown'],
    ['maybe', undefined],
  ])('reads consent spelling %j as %s', (adUserData, value) => {
    const r = prepareEvent({ ...base, consent: { adUserData } }, config);
    if (value) expect(ok(r).log.consent.adUserData).toBe(value);
    else expect(errors(r)).toEqual([{ path: 'consent.adUserData', message: expect.stringContaining('granted') }]);
  });

  it('throws for a missing pixel id: that is configuration, not data', () => {
    expect(() => prepareEvent(base, { pixelId: ' ' })).toThrow(/pixelId/);
  });

  it('carries pixel id and test event code for batching', () => {
    const p = ok(prepareEvent(base, { ...config, testEventCode: 'TEST123' }));
    expect([p.account, p.batch, p.test]).toEqual(['CPIXEL0123456789ABCD', 'TEST123', true]);
  });
});
