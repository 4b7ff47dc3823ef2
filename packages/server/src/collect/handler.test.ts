import { contextToFields, type CapturedContext, type Handoff } from '@pixelpair/core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCollectHandler, type CollectContext, type CollectOptions } from './handler.js';
import { toNodeHandler } from './node-adapter.js';

const ORIGIN = 'https://shop.example';
const context: CapturedContext = {
  ttclid: 'E.C.P.abc',
  ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1',
  userAgent: 'Mozilla/5.0',
  page: { url: `${ORIGIN}/thanks`, referrer: `${ORIGIN}/pay` },
  consent: { adUserData: 'granted', adPersonalization: 'denied', region: 'DE', cmp: { name: 'cmp', version: '2' }, decidedAt: '2026-11-25T11:00:00Z' },
  capturedAt: '2026-11-25T11:59:00Z',
};
const handoff: Handoff = { event: 'AddToCart', eventId: 'cart_77_add_to_cart', properties: { value: 10, currency: 'EUR' }, context };

function setup(options: Partial<CollectOptions> = {}) {
  const calls: Array<{ handoff: Handoff; ctx: CollectContext }> = [];
  const handler = createCollectHandler({ onEvent: (h, ctx) => void calls.push({ handoff: h, ctx }), ...options });
  return { calls, handler };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/collect`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('createCollectHandler', () => {
  it('accepts a valid hand-off, passes the request context and re-sets the cookies', async () => {
    const { calls, handler } = setup();
    const res = await handler(post(handoff, { 'user-agent': 'UA-header' }), { remoteAddress: '203.0.113.4' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true, eventId: 'cart_77_add_to_cart' });
    expect(calls[0]?.handoff).toEqual(handoff);
    expect(calls[0]?.ctx).toMatchObject({ ip: '203.0.113.4', ttclid: 'E.C.P.abc', userAgent: 'UA-header' });
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^ttclid=E\.C\.P\.abc; Max-Age=2592000/), expect.stringMatching(/^_ttp=01JRF/)]);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it.each<[Partial<CollectOptions>, string, number]>([
    [{}, 'https://evil.example', 403],
    [{ allowedOrigins: ['https://www.shop.example'] }, 'https://www.shop.example', 202],
    [{ allowedOrigins: ['https://www.shop.example'] }, ORIGIN, 403],
    [{ allowedOrigins: '*' }, 'https://anything.example', 202],
  ])('origin allow-list %j, origin %s → %i', async (options, origin, status) => {
    const { handler } = setup(options);
    expect((await handler(post(handoff, { origin }))).status).toBe(status);
  });

  it('by default, takes the Host header as its own origin when the framework rebuilt request.url on localhost (Next.js)', async () => {
    const { handler } = setup();
    const rebuilt = (origin: string, host: string) => new Request('http://localhost:3000/api/pixelpair', {
      method: 'POST', headers: { origin, host, 'content-type': 'application/json' }, body: JSON.stringify(handoff),
    });
    expect((await handler(rebuilt('https://www.shop.example', 'www.shop.example'))).status).toBe(202);
    expect((await handler(rebuilt('https://evil.example', 'www.shop.example'))).status).toBe(403);
  });

  it('answers preflight and refuses other methods', async () => {
    const { handler } = setup();
    const pre = await handler(new Request(`${ORIGIN}/collect`, { method: 'OPTIONS', headers: { origin: ORIGIN } }));
    expect([pre.status, pre.headers.get('access-control-allow-methods')]).toEqual([204, 'POST']);
    expect((await handler(new Request(`${ORIGIN}/collect`))).status).toBe(405);
  });

  it('limits the body size, declared or streamed', async () => {
    const { handler, calls } = setup({ maxBodyBytes: 512 });
    const big = { ...handoff, properties: { description: 'x'.repeat(800) } };
    expect((await handler(post(big))).status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(JSON.stringify(big)));
        c.close();
      },
    });
    const streamed = new Request(`${ORIGIN}/collect`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect((await handler(streamed)).status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('names the path of a schema error and refuses non-JSON', async () => {
    const { handler, calls } = setup();
    const res = await handler(post({ ...handoff, eventId: 5, context: { ...context, consent: { ...context.consent, adUserData: 'maybe' } } }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string }> };
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['eventId', 'context.consent.adUserData']));
    expect((await handler(post('{nope'))).status).toBe(400);
    expect(calls).toHaveLength(0);
  });

  it('rate-limits per client IP', async () => {
    const { handler } = setup({ rateLimit: { max: 2, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await handler(post(handoff), { remoteAddress: '203.0.113.8' })).status);
    expect(statuses).toEqual([202, 202, 429]);
    expect((await handler(post(handoff), { remoteAddress: '203.0.113.9' })).status).toBe(202);
    // No client IP known: no shared bucket that would throttle everyone.
    for (let i = 0; i < 3; i++) expect((await handler(post(handoff))).status).toBe(202);
  });

  it('never trusts purchase values from the browser: strips them, then takes them from the backend', async () => {
    const purchase: Handoff = { ...handoff, event: 'CompletePayment', eventId: 'ord_1_complete_payment', properties: { value: 0.01, currency: 'EUR', contents: [{ content_id: 'x' }], order_id: '1' } };
    const stripped = setup();
    await stripped.handler(post(purchase));
    expect(stripped.calls[0]?.handoff.properties).toEqual({ order_id: '1' });
    expect(stripped.calls[0]?.ctx.strippedKeys).toEqual(['value', 'currency', 'contents']);
    const backed = setup({ purchaseValues: (h) => (h.eventId === 'ord_1_complete_payment' ? { value: 129.95, currency: 'EUR' } : undefined) });
    await backed.handler(post(purchase));
    expect(backed.calls[0]?.handoff.properties).toEqual({ order_id: '1', value: 129.95, currency: 'EUR' });
  });

  it('accepts a classic form post carrying core\'s pp_context field', async () => {
    const { handler, calls } = setup({ cookies: false });
    const form = new URLSearchParams({ ...contextToFields(context), pp_event: 'Lead', pp_event_id: 'lead_9_submit', email: 'someone@example.com' });
    const res = await handler(new Request(`${ORIGIN}/collect`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: form }));
    expect(res.status).toBe(202);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(calls[0]?.handoff).toMatchObject({ event: 'Lead', eventId: 'lead_9_submit', context: { ttclid: 'E.C.P.abc', consent: { adPersonalization: 'denied' } } });
    expect(calls[0]?.ctx.fields?.email).toBe('someone@example.com');
  });

  it('accepts multipart form posts too', async () => {
    const { handler, calls } = setup();
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...contextToFields(context), pp_event: 'Lead', pp_event_id: 'lead_10_submit' })) form.append(k, v);
    const res = await handler(new Request(`${ORIGIN}/collect`, { method: 'POST', headers: { origin: ORIGIN }, body: form }));
    expect(res.status).toBe(202);
    expect(calls[0]?.handoff).toMatchObject({ eventId: 'lead_10_submit', context: { ttp: context.ttp } });
  });

  it('answers 500 without details when the app callback throws', async () => {
    const handler = createCollectHandler({
      onEvent: () => {
        throw new Error('db password wrong for user admin');
      },
    });
    const res = await handler(post(handoff));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('password');
  });

  it('refuses to start without onEvent', () => {
    expect(() => createCollectHandler({} as CollectOptions)).toThrow(/onEvent/);
  });
});

describe('toNodeHandler', () => {
  async function serve(pre?: (req: { body?: unknown }) => void) {
    const calls: CollectContext[] = [];
    const handler = toNodeHandler(createCollectHandler({ onEvent: (_h, ctx) => void calls.push(ctx), allowedOrigins: '*' }));
    const server = createServer((req, res) => {
      if (pre) {
        // Stand in for express.json(): consume the body and leave it parsed on req.body.
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          (req as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString());
          void handler(req, res);
        });
      } else void handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/collect`;
    return { url, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it.each([['raw node:http', undefined], ['after a JSON body parser', () => {}]])('works %s', async (_name, pre) => {
    const s = await serve(pre);
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify(handoff) });
    await s.close();
    expect(res.status).toBe(202);
    expect(res.headers.getSetCookie()).toHaveLength(2);
    expect(s.calls[0]?.ip).toBe('127.0.0.1');
  });
});
