/**
 * Issue 12 findings 2, 8 and 9 on the collect handler (as a Fetch handler): every body gets
 * the documented JSON and a 4xx, the promise never rejects, forged values and junk click ids
 * are refused, the app can say what it ignored, and cookies follow storage consent.
 */
import { contextToFields, type CapturedContext, type Handoff } from '@pixelpair/core';
import { describe, expect, it } from 'vitest';
import { leaks } from '../../test-support/fuzz.js';
import { createCollectHandler, type CollectContext, type CollectOptions } from './handler.js';
import { HANDOFF_LIMITS } from './handoff-schema.js';

const ORIGIN = 'https://shop.example';
const context: CapturedContext = {
  ttclid: 'E.C.P.abc',
  ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1',
  userAgent: 'Mozilla/5.0',
  page: { url: `${ORIGIN}/p/mug` },
  consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'DE' },
  capturedAt: '2026-11-25T11:59:00Z',
};
const handoff: Handoff = { event: 'AddToCart', eventId: 'cart_77_add_to_cart', properties: { value: 10, currency: 'EUR', contents: [{ content_id: 'SKU-1', quantity: 1, price: 10 }] }, context };

function setup(options: Partial<CollectOptions> = {}) {
  const calls: Array<{ handoff: Handoff; ctx: CollectContext }> = [];
  const handler = createCollectHandler({ onEvent: (h, ctx) => void calls.push({ handoff: h, ctx }), ...options });
  return { calls, handler };
}
const request = (body: RequestInit['body'], headers: Record<string, string> = {}, method = 'POST') =>
  new Request(`${ORIGIN}/collect`, { method, headers: { origin: ORIGIN, ...headers }, body } as RequestInit);
const postJson = (body: unknown, headers: Record<string, string> = {}) => request(JSON.stringify(body), { 'content-type': 'application/json', ...headers });

async function documented(res: Response): Promise<{ ok: boolean; errors?: Array<{ path: string; message: string }>; ignored?: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { ok: boolean; errors?: Array<{ path: string; message: string }> };
  if (!body.ok) for (const e of body.errors ?? []) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
  return body;
}

const boundary = '----pp1234';
const multipart = (parts: string) => request(parts, { 'content-type': `multipart/form-data; boundary=${boundary}` });

describe('finding 2: every body gets the documented JSON and a 4xx; the promise never rejects', () => {
  it.each<[string, Request]>([
    ['multipart with a truncated part', multipart(`--${boundary}\r\nContent-Disposition: form-data; name="pp_event"\r\n\r\nLead`)],
    ['multipart with no boundary parameter', request('--x\r\n\r\n', { 'content-type': 'multipart/form-data' })],
    ['multipart whose boundary never appears', multipart('just some bytes')],
    ['multipart with a broken part header', multipart(`--${boundary}\r\nContent-Disposition\r\n\r\nx\r\n--${boundary}--\r\n`)],
  ])('%s → 400 JSON (was a rejected promise / empty 500)', async (_name, req) => {
    const { handler, calls } = setup();
    const res = await handler(req);
    expect(res.status).toBe(400);
    expect(await documented(res)).toEqual({ ok: false, errors: [{ path: '', message: 'body is not valid multipart/form-data' }] });
    expect(calls).toHaveLength(0);
  });

  it('a body stream that fails mid-read → 400 JSON, not a rejection', async () => {
    const { handler } = setup();
    const body = new ReadableStream({ pull: (c) => c.error(new Error('socket hang up')) });
    const res = await handler(new Request(`${ORIGIN}/collect`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit));
    expect([res.status, (await documented(res)).errors]).toEqual([400, [{ path: '', message: 'body could not be read' }]]);
  });

  it.each(['application/xml', 'image/png', 'text/html', 'application/octet-stream'])('content type %s → 415 JSON', async (type) => {
    const { handler, calls } = setup();
    const res = await handler(request(JSON.stringify(handoff), { 'content-type': type }));
    expect(res.status).toBe(415);
    expect((await documented(res)).ok).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it.each(['text/plain;charset=UTF-8', 'application/json', 'application/vnd.api+json'])('JSON arrives as %s (sendBeacon, fetch)', async (type) => {
    const { handler } = setup();
    expect((await handler(request(JSON.stringify(handoff), { 'content-type': type }))).status).toBe(202);
  });

  it('an exception anywhere (here: the app\'s formEvent) still answers JSON, never rejects', async () => {
    const { handler } = setup({
      formEvent: () => {
        throw new Error('boom with alice.tester@example.com');
      },
    });
    const res = await handler(request(new URLSearchParams({ pp_event: 'Lead' }), { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(res.status).toBe(500);
    const body = await documented(res);
    expect(leaks(body)).toEqual([]);
  });

  it('misconfiguration is refused at start, not on the first request', () => {
    expect(() => createCollectHandler({ onEvent() {}, trustedProxies: ['not-an-ip'] })).toThrow(/trusted proxy/);
    expect(() => createCollectHandler({ onEvent() {}, cookies: { domain: 'evil.com; HttpOnly' } })).toThrow(/domain/);
  });

  it('form fields named like Object.prototype members are kept; more than 200 fields is refused', async () => {
    const { handler, calls } = setup({ cookies: false });
    const fields = new URLSearchParams({ ...contextToFields(context), pp_event: 'Lead', pp_event_id: 'lead_1_submit', constructor: 'c', toString: 't' });
    expect((await handler(request(fields, { 'content-type': 'application/x-www-form-urlencoded' }))).status).toBe(202);
    expect(calls[0]?.ctx.fields).toMatchObject({ constructor: 'c', toString: 't' });
    const many = new URLSearchParams(Array.from({ length: 201 }, (_, i): [string, string] => [`f${i}`, 'x']));
    expect((await handler(request(many, { 'content-type': 'application/x-www-form-urlencoded' }))).status).toBe(400);
  });
});

describe('finding 8: forged values and junk click ids', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['value 1e15', { value: 1e15 }, 'properties.value'],
    ['a negative value', { value: -5 }, 'properties.value'],
    ['quantity 1e9', { contents: [{ content_id: 'SKU-1', quantity: 1e9 }] }, 'properties.contents[0].quantity'],
    ['a fractional quantity', { contents: [{ content_id: 'SKU-1', quantity: 1.5 }] }, 'properties.contents[0].quantity'],
    ['price 1e12', { contents: [{ content_id: 'SKU-1', price: 1e12 }] }, 'properties.contents[0].price'],
    ['num_items 1e9', { num_items: 1e9 }, 'properties.num_items'],
    ['101 line items', { contents: Array.from({ length: 101 }, () => ({ content_id: 'x' })) }, 'properties.contents'],
    ['an email property', { email: 'alice.tester@example.com' }, 'properties.email'],
    ['a phone number as a value', { note: '+4915112345678' }, 'properties.note'],
    ['a __proto__ key', JSON.parse('{"__proto__":{"value":1}}') as Record<string, unknown>, 'properties.__proto__'],
  ])('%s → 400 naming the field, nothing forwarded', async (_what, properties, path) => {
    const { handler, calls } = setup();
    const res = await handler(postJson({ ...handoff, properties }));
    expect(res.status).toBe(400);
    const body = await documented(res);
    expect(body.errors?.map((e) => e.path)).toContain(path);
    expect(leaks(body)).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('the maxima can be raised for a shop that needs them', async () => {
    const { handler } = setup({ limits: { amount: 1e11 } });
    expect((await handler(postJson({ ...handoff, properties: { value: 5e10, currency: 'IDR' } }))).status).toBe(202);
    expect(HANDOFF_LIMITS.amount).toBe(1e9);
  });

  it.each([
    ['CR/LF', 'E.C.P.a\r\nSet-Cookie: admin=1'], ['a semicolon', 'E.C.P.a; Domain=evil.example'], ['NUL', 'E.C.P.a\u0000'],
    ['a double quote', 'E.C.P."a"'], ['a single quote', "E.C.P.'a'"], ['1,000 characters', 'x'.repeat(1000)],
  ])('a ttclid or _ttp with %s → 400, nothing forwarded, no cookie', async (_what, value) => {
    for (const key of ['ttclid', 'ttp'] as const) {
      const { handler, calls } = setup();
      const res = await handler(postJson({ ...handoff, context: { ...context, [key]: value } }));
      expect(res.status).toBe(400);
      expect((await documented(res)).errors?.map((e) => e.path)).toEqual([`context.${key}`]);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(calls).toHaveLength(0);
    }
  });

  it('a junk ttclid in the URL or a cookie is dropped, not re-set', async () => {
    const { handler, calls } = setup();
    const { ttclid: _t, ttp: _p, ...bare } = context;
    const res = await handler(postJson({ ...handoff, context: bare }, { cookie: 'ttclid="a;b"; _ttp=%0D%0Ax' }));
    expect(res.status).toBe(202);
    expect(calls[0]?.ctx.ttclid).toBeUndefined();
    expect(calls[0]?.ctx.ttp).toBeUndefined();
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('onEvent can answer { ignored: reason }: 200 that says what was refused, and no cookies', async () => {
    const { handler } = setup({ onEvent: (h) => (h.event === 'CompletePayment' ? { ignored: 'purchases are sent from the order records' } : undefined) });
    const res = await handler(postJson({ ...handoff, event: 'CompletePayment', eventId: 'ord_1_complete_payment' }));
    expect(res.status).toBe(200);
    expect(await documented(res)).toEqual({ ok: true, eventId: 'ord_1_complete_payment', ignored: 'purchases are sent from the order records' });
    expect(res.headers.getSetCookie()).toEqual([]);
    const taken = await handler(postJson(handoff));
    expect([taken.status, await taken.json()]).toEqual([202, { ok: true, eventId: handoff.eventId }]);
  });

  it('a reason carrying personal data is not sent to the browser', async () => {
    const { handler } = setup({ onEvent: () => ({ ignored: 'duplicate lead for alice.tester@example.com' }) });
    expect(await (await handler(postJson(handoff))).json()).toEqual({ ok: true, eventId: handoff.eventId, ignored: 'ignored by the app' });
  });
});

describe('finding 9: no click-id cookie without storage consent', () => {
  const withConsent = (consent: Record<string, string>) => postJson({ ...handoff, context: { ...context, consent: { adPersonalization: 'granted', ...consent } } }, { cookie: 'ttclid=E.C.P.old; _ttp=01JRF870C462XP4N5ZD0W5Q3X9_.tt.1' });

  it.each<[string, Record<string, string>, 'set' | 'none' | 'cleared']>([
    ['adUserData granted', { adUserData: 'granted', region: 'DE' }, 'set'],
    ['adUserData denied ("Reject all")', { adUserData: 'denied', region: 'DE' }, 'cleared'],
    ['undecided in an opt-in region', { adUserData: 'unknown', region: 'FR' }, 'none'],
    ['undecided outside opt-in regions', { adUserData: 'unknown', region: 'US-CA' }, 'set'],
    ['ad storage denied while user data is granted', { adUserData: 'granted', adStorage: 'denied', region: 'US' }, 'cleared'],
    ['ad storage granted while user data is undecided in an opt-in region', { adUserData: 'unknown', adStorage: 'granted', region: 'DE' }, 'set'],
  ])('%s → %s', async (_what, consent, expected) => {
    const { handler, calls } = setup({ cookies: { secure: false } });
    const res = await handler(withConsent(consent));
    expect(res.status).toBe(202);
    expect(calls).toHaveLength(1);
    const cookies = res.headers.getSetCookie();
    if (expected === 'set') expect(cookies).toEqual([expect.stringMatching(/^ttclid=E\.C\.P\.abc; Max-Age=2592000/), expect.stringMatching(/^_ttp=01JRF/)]);
    if (expected === 'none') expect(cookies).toEqual([]);
    if (expected === 'cleared') expect(cookies).toEqual(['ttclid=; Max-Age=0; Path=/; SameSite=Lax', '_ttp=; Max-Age=0; Path=/; SameSite=Lax']);
  });

  it('with an EU-only policy, undecided without a region counts as denied for cookies too', async () => {
    const { handler } = setup({ consent: { optInWhenRegionUnknown: true } });
    const res = await handler(postJson({ ...handoff, context: { ...context, consent: { adUserData: 'unknown', adPersonalization: 'unknown' } } }));
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('a form post after "Reject all" sets no cookie either', async () => {
    const { handler } = setup();
    const denied = { ...context, consent: { adUserData: 'denied', adPersonalization: 'denied', region: 'DE' } } as CapturedContext;
    const form = new URLSearchParams({ ...contextToFields(denied), pp_event: 'Lead', pp_event_id: 'lead_2_submit' });
    const res = await handler(request(form, { 'content-type': 'application/x-www-form-urlencoded' }));
    expect([res.status, res.headers.getSetCookie()]).toEqual([202, []]);
  });
});
