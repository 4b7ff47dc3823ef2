/**
 * Issue 12 as properties over hand-offs and form bodies (fast-check), through the Fetch
 * handler and on to the server copy an app builds from what it was given: every body gets a
 * documented answer, nothing unbounded or personal reaches the app's properties, the server
 * copy is contract-valid (emulator's validator) or typed errors, and no plain email or phone
 * number shows in a response, a cookie, a log line or the payload.
 */
import { contextToFields, isClickId, sameAction, type Handoff } from '@pixelpair/core';
import { validateTrackRequest } from '@pixelpair/emulator';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '../delivery/logger.js';
import { prepareEvent } from '../prepare.js';
import { anyText, FUZZ_RUNS, fuzzTimeout, hostileString, junkString, leaks, plainEmail, plainPersonal, slowestInput } from '../../test-support/fuzz.js';
import type { PrepareResult } from '../types.js';
import { createCollectHandler, type CollectContext, type CollectOutcome } from './handler.js';
import { HANDOFF_LIMITS } from './handoff-schema.js';

const ORIGIN = 'https://shop.example';
const PIXEL_ID = 'CPIXEL0123456789ABCD';
const slowest = slowestInput('collect handler over generated hand-offs and forms');
afterAll(() => slowest.report());

// ---- generators --------------------------------------------------------------------------
const clickId = fc.oneof(fc.constantFrom('E.C.P.CvQBA1b2c3', '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1'), junkString, hostileString, plainPersonal);
const consentValue = fc.constantFrom('granted', 'denied', 'unknown', 'maybe');
const consent = fc.record(
  { adUserData: consentValue, adPersonalization: consentValue, adStorage: consentValue, region: fc.constantFrom('DE', 'US-CA', 'FR', ''), cmp: fc.constant({ name: 'tcf:7', version: '2' }), decidedAt: fc.constant('2026-11-25T11:00:00Z') },
  { requiredKeys: ['adUserData', 'adPersonalization'] },
);
const pageUrl = fc.oneof(fc.webUrl({ withQueryParameters: true }), plainEmail.map((e) => `${ORIGIN}/thanks?email=${encodeURIComponent(e)}`), anyText);
const contextArb = fc.record(
  { ttclid: clickId, ttp: clickId, userAgent: fc.oneof(fc.constant('Mozilla/5.0'), anyText), page: fc.record({ url: pageUrl, referrer: pageUrl }, { requiredKeys: [] }), consent, capturedAt: fc.constant('2026-11-25T11:59:00Z') },
  { requiredKeys: ['page', 'consent', 'capturedAt'] },
);
const amount = fc.oneof(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.constantFrom(1e9, 1e9 + 1, 1e15, -1, 0), anyText);
const count = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(1e4, 1e4 + 1, 1e9, 1.5, -1));
const item = fc.record({ content_id: fc.oneof(fc.constant('SKU-1'), anyText), quantity: count, price: amount, content_name: fc.oneof(fc.constant('Mug'), anyText, plainPersonal) }, { requiredKeys: [] });
const propKey = fc.oneof(fc.constantFrom('value', 'currency', 'content_type', 'query', 'num_items', 'email', 'phone', 'coupon', '__proto__', 'constructor'), plainPersonal, fc.string({ maxLength: 70 }));
const propValue = fc.oneof(amount, count, anyText, plainPersonal, fc.constant(null), fc.boolean(), fc.array(item, { maxLength: 3 }), fc.constant([[1]]), fc.constant({ deep: { er: 1 } }));
const properties = fc.tuple(fc.record({ value: amount, currency: fc.constantFrom('EUR', 'usd', 'XYZ'), contents: fc.array(item, { maxLength: 4 }) }, { requiredKeys: [] }), fc.dictionary(propKey, propValue, { maxKeys: 4 })).map(([a, b]) => ({ ...b, ...a }));
const eventName = fc.oneof(fc.constantFrom('AddToCart', 'ViewContent', 'Search', 'InitiateCheckout', 'CompletePayment', 'Purchase', 'Lead', 'SubmitForm', 'Boom'), anyText);
const eventId = fc.oneof(fc.stringMatching(/^(cart|pv|srch)_[0-9]{1,6}_[a-z_]{1,12}$/), plainPersonal, anyText);
const handoffArb = fc.record({ event: eventName, eventId, properties, context: contextArb }, { requiredKeys: ['event', 'eventId', 'context'] });

/** Mostly valid, with one field now and then from the hostile generators: most runs reach the app. */
const usually = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) => fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: hostile });
const plausibleContext = fc.record(
  {
    ttclid: usually(fc.stringMatching(/^E\.C\.P\.[A-Za-z0-9_-]{4,40}$/), clickId),
    ttp: usually(fc.constant('01JRF870C462XP4N5ZD0W5Q3X9_.tt.1'), clickId),
    userAgent: fc.constant('Mozilla/5.0'),
    page: fc.record({ url: usually(fc.webUrl(), pageUrl) }, { requiredKeys: [] }),
    consent: fc.record({ adUserData: fc.constantFrom('granted', 'denied', 'unknown'), adPersonalization: fc.constantFrom('granted', 'denied', 'unknown'), region: fc.constantFrom('DE', 'US-CA', 'FR') }),
    capturedAt: fc.constant('2026-11-25T11:59:00Z'),
  },
  { requiredKeys: ['page', 'consent', 'capturedAt'] },
);
const plausibleItem = fc.record({ content_id: fc.constantFrom('SKU-1', 'SKU-2'), quantity: usually(fc.integer({ min: 1, max: 5 }), count), price: usually(fc.double({ min: 0, max: 500, noNaN: true }), amount), content_name: usually(fc.constant('Mug'), plainPersonal) }, { requiredKeys: ['content_id'] });
const plausibleProperties = fc.record(
  { value: usually(fc.double({ min: 0, max: 5000, noNaN: true }), amount), currency: usually(fc.constantFrom('EUR', 'USD', 'JPY'), fc.constantFrom('usd', 'XYZ')), contents: fc.array(plausibleItem, { maxLength: 3 }), coupon: usually(fc.constant('WINTER'), plainPersonal) },
  { requiredKeys: [] },
);
const plausibleHandoff = fc.record({
  event: usually(fc.constantFrom('AddToCart', 'ViewContent', 'Search', 'InitiateCheckout', 'CompletePayment', 'Lead', 'Boom'), eventName),
  eventId: usually(fc.stringMatching(/^(cart|pv|srch)_[0-9]{1,6}_[a-z_]{1,12}$/), eventId),
  properties: plausibleProperties,
  context: plausibleContext,
});

type Body = { label: string; contentType?: string; body: string };
const jsonBody: fc.Arbitrary<Body> = fc.tuple(fc.oneof({ weight: 6, arbitrary: plausibleHandoff }, { weight: 3, arbitrary: handoffArb }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }), fc.constantFrom('application/json', 'text/plain;charset=UTF-8', undefined)).map(([value, contentType]) => ({ label: 'json', contentType, body: JSON.stringify(value) ?? 'null' }));
const rawBody: fc.Arbitrary<Body> = fc.tuple(fc.oneof(anyText, fc.constant('{"event":'), fc.constant('['.repeat(5000))), fc.constantFrom('application/json', 'application/xml', 'image/png', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded')).map(([body, contentType]) => ({ label: 'raw', contentType, body }));
const formFields = fc.tuple(usually(fc.constantFrom('SubmitForm', 'Contact', 'Boom'), eventName), usually(fc.stringMatching(/^form_[0-9]{1,6}$/), eventId), fc.oneof({ weight: 3, arbitrary: plausibleContext }, { weight: 1, arbitrary: contextArb }).map((c) => contextToFields(c as never).pp_context!), fc.oneof(plainEmail, anyText)).map(([event, id, ctx, email]) => ({ pp_event: event, pp_event_id: id, pp_context: ctx, email }));
const urlencoded: fc.Arbitrary<Body> = formFields.map((f) => ({ label: 'urlencoded', contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(f).toString() }));
const BOUNDARY = '----pixelpair7MA4YWxkTrZu0gW';
const multipart: fc.Arbitrary<Body> = fc.tuple(formFields, fc.constantFrom('intact', 'truncated', 'wrong boundary', 'no boundary')).map(([f, damage]) => {
  const whole = `${Object.entries(f).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')}--${BOUNDARY}--\r\n`;
  const body = damage === 'truncated' ? whole.slice(0, Math.floor(whole.length / 2)) : whole;
  const contentType = damage === 'no boundary' ? 'multipart/form-data' : `multipart/form-data; boundary=${damage === 'wrong boundary' ? 'other' : BOUNDARY}`;
  return { label: `multipart (${damage})`, contentType, body };
});
const anyBody = fc.oneof({ weight: 5, arbitrary: jsonBody }, { weight: 2, arbitrary: urlencoded }, { weight: 2, arbitrary: multipart }, { weight: 1, arbitrary: rawBody });

// ---- the app under test: like the demo store, plus a throwing branch -----------------------
const IGNORED = 'purchases and leads are sent from the order records';
function appUnderTest() {
  const log: string[] = [];
  const copies: PrepareResult[] = [];
  const taken: Array<{ handoff: Handoff; ctx: CollectContext }> = [];
  const logger: Logger = { info: (o, m) => void log.push(JSON.stringify([o, m])), warn: (o, m) => void log.push(JSON.stringify([o, m])), error: (o, m) => void log.push(JSON.stringify([o, m])) };
  const onEvent = (handoff: Handoff, ctx: CollectContext): CollectOutcome => {
    if (sameAction(handoff.event, 'Purchase') || sameAction(handoff.event, 'Lead')) return { ignored: IGNORED };
    if (handoff.event === 'Boom') throw new Error(`db down for ${String(ctx.fields?.email)}`);
    taken.push({ handoff, ctx });
    const p = handoff.properties ?? {};
    const contents = Array.isArray(p.contents) ? (p.contents as Array<Record<string, unknown>>).map((i) => ({ contentId: i.content_id, quantity: i.quantity, price: i.price, contentName: i.content_name })) : undefined;
    const envelope = {
      event: handoff.event, eventId: handoff.eventId, eventTime: Math.floor(Date.now() / 1000),
      user: { ttclid: ctx.ttclid, ttp: ctx.ttp, ip: ctx.ip, userAgent: ctx.userAgent, ...(ctx.fields?.email ? { email: ctx.fields.email } : {}) },
      page: handoff.context.page, consent: handoff.context.consent,
      properties: { value: p.value, currency: p.currency, ...(contents ? { contents } : {}) },
    };
    copies.push(prepareEvent(JSON.parse(JSON.stringify(envelope)), { pixelId: PIXEL_ID }));
  };
  const handler = createCollectHandler({ onEvent, logger, rateLimit: false });
  return { handler, log, copies, taken };
}

const DOCUMENTED = new Set([200, 202, 400, 413, 415, 500]);

describe('the collect handler over generated bodies (property)', () => {
  it('answers documented JSON, forwards only bounded, non-personal evidence, and the server copy is valid or typed errors', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (input) => {
        const app = appUnderTest();
        const headers: Record<string, string> = { origin: ORIGIN };
        if (input.contentType) headers['content-type'] = input.contentType;
        const init = { method: 'POST', headers, body: input.body, duplex: 'half' } as RequestInit;
        const res = await slowest.timeAsync(input.label, typeof input.body === 'string' ? input.body.length : 0, () => app.handler(new Request(`${ORIGIN}/collect`, init), { remoteAddress: '203.0.113.9' }));
        expect(DOCUMENTED.has(res.status)).toBe(true);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const text = await res.text();
        const body = JSON.parse(text) as { ok: boolean; errors?: unknown[]; ignored?: string };
        if (res.status >= 400) expect(body).toEqual({ ok: false, errors: expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]) });
        if (res.status === 200) expect(body.ignored).toBe(IGNORED);
        if (res.status === 202) expect(app.taken).toHaveLength(1);
        else expect(app.taken).toHaveLength(0);

        // no plain personal data in anything the handler answers or logs
        const cookies = res.headers.getSetCookie();
        expect(leaks([text, cookies, app.log])).toEqual([]);
        for (const c of cookies) expect(isClickId(/^[^=]+=([^;]*)/.exec(c)![1]) || /^[^=]+=;/.test(c)).toBe(true);

        for (const { handoff, ctx } of app.taken) {
          expect(leaks([handoff.properties, handoff.context.page])).toEqual([]);
          for (const v of [handoff.context.ttclid, handoff.context.ttp, ctx.ttclid, ctx.ttp]) if (v !== undefined) expect(isClickId(v)).toBe(true);
          const p = handoff.properties ?? {};
          if (typeof p.value === 'number') expect(p.value >= 0 && p.value <= HANDOFF_LIMITS.amount).toBe(true);
          for (const i of (Array.isArray(p.contents) ? p.contents : []) as Array<Record<string, unknown>>) {
            if (typeof i.quantity === 'number') expect(Number.isInteger(i.quantity) && i.quantity <= HANDOFF_LIMITS.quantity).toBe(true);
            if (typeof i.price === 'number') expect(i.price <= HANDOFF_LIMITS.amount).toBe(true);
          }
        }
        for (const copy of app.copies) {
          if (copy.ok) {
            const verdict = validateTrackRequest(JSON.parse(JSON.stringify({ event_source: 'web', event_source_id: PIXEL_ID, data: [copy.prepared.wire] })), { requireEventId: true });
            expect(verdict.ok ? 'valid' : verdict.message).toBe('valid');
            expect(leaks(copy.prepared)).toEqual([]);
          } else {
            expect(copy.errors.length).toBeGreaterThan(0);
            expect(leaks(copy.errors)).toEqual([]);
          }
        }
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  }, fuzzTimeout(40));

  it('a hand-off of any size is answered: bodies over the limit are 413, whatever their shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 16 * 1024 + 1, max: 200_000 }), fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b'), async (size, type) => {
        const app = appUnderTest();
        const res = await app.handler(new Request(`${ORIGIN}/collect`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': type }, body: 'x'.repeat(size) }));
        expect(res.status).toBe(413);
        expect(app.taken).toHaveLength(0);
      }),
      { numRuns: Math.max(10, FUZZ_RUNS / 10) },
    );
  }, fuzzTimeout(10));
});
