/**
 * Collect-endpoint abuse against the real Node adapter (`toNodeHandler` on a node:http
 * server, issue 12): oversized, chunked and truncated bodies, malformed JSON/form/multipart,
 * wrong content types, methods, origins and hosts, floods with spoofed X-Forwarded-For, and
 * forged values. Every answer is a documented 4xx or 2xx with the documented JSON, nothing
 * is forwarded that should not be, and the heap returns to its baseline after the load.
 */
import type { Handoff } from '@pixelpair/core';
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_RUNS, heapAfterGc, leaks } from '../../test-support/fuzz.js';
import { createCollectHandler, type CollectContext, type CollectOptions } from './handler.js';
import { toNodeHandler } from './node-adapter.js';

const SHOP = 'https://shop.example';
const context = {
  ttclid: 'E.C.P.abc',
  ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1',
  page: { url: `${SHOP}/p/mug` },
  consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'DE' },
  capturedAt: '2026-11-25T11:59:00Z',
};
const handoff = { event: 'AddToCart', eventId: 'cart_1_add_to_cart', properties: { value: 12.5, currency: 'EUR', contents: [{ content_id: 'SKU-1', quantity: 1, price: 12.5 }] }, context };
const DOCUMENTED = new Set([200, 202, 204, 400, 403, 405, 413, 415, 429]);

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

async function serve(options: Partial<CollectOptions> = {}) {
  const forwarded: Array<{ handoff: Handoff; ctx: CollectContext }> = [];
  const handler = toNodeHandler(
    createCollectHandler({
      allowedOrigins: [SHOP],
      rateLimit: false,
      onEvent: (h, ctx) => {
        if (h.event === 'CompletePayment' || h.event === 'Lead') return { ignored: 'purchases and leads come from the order records' };
        forwarded.push({ handoff: h, ctx });
      },
      ...options,
    }),
  );
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  /** `headers` override the defaults; a header set to null is left out. */
  function send(init: { method?: string; headers?: Record<string, string | number | null>; body?: string | Buffer | Array<string | Buffer> }): Promise<Answer> {
    const headers = Object.fromEntries(Object.entries({ origin: SHOP, ...init.headers }).filter(([, v]) => v !== null)) as Record<string, string | number>;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/collect', method: init.method ?? 'POST', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      // the server may answer 413 and close before a large upload is written: that is an answer, not an error
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      for (const chunk of Array.isArray(init.body) ? init.body : init.body === undefined ? [] : [init.body]) req.write(chunk);
      req.end();
    });
  }
  const json = (body: unknown, headers: Record<string, string> = {}) => send({ headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const close = async () => {
    agent.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { port, send, json, forwarded, close };
}

/** The documented shapes: 204 empty, otherwise JSON `{ ok: true, … }` or `{ ok: false, errors: [{ path, message }] }`. */
function expectDocumented(answer: Answer): { ok: boolean; errors?: Array<{ path: string; message: string }>; ignored?: string } {
  expect(DOCUMENTED.has(answer.status), `status ${answer.status}`).toBe(true);
  if (answer.status === 204) return { ok: true };
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { ok: boolean; errors?: Array<{ path: string; message: string }> };
  if (answer.status >= 400) expect(body).toEqual({ ok: false, errors: expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]) });
  else expect(body.ok).toBe(true);
  return body;
}

let s: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  s = await serve();
});
afterAll(() => s.close());

describe('collect abuse through toNodeHandler on node:http', () => {
  it('a normal hand-off is taken (the baseline the rest is measured against)', async () => {
    const before = s.forwarded.length;
    const answer = await s.json(handoff);
    expect([answer.status, expectDocumented(answer)]).toEqual([202, { ok: true, eventId: handoff.eventId }]);
    expect(s.forwarded.length).toBe(before + 1);
  });

  it('oversized bodies, declared, chunked or streamed in pieces, are 413 and the server keeps serving', async () => {
    const before = s.forwarded.length;
    const big = JSON.stringify({ ...handoff, properties: { description: 'x'.repeat(40_000) } });
    const answers = [
      await s.send({ headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) }, body: big }),
      await s.send({ headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: Array.from({ length: 64 }, () => 'x'.repeat(16 * 1024)) }),
      await s.send({ headers: { 'content-type': 'multipart/form-data; boundary=b', 'transfer-encoding': 'chunked' }, body: ['--b\r\n', 'Content-Disposition: form-data; name="a"\r\n\r\n', 'y'.repeat(1 << 20)] }),
    ];
    for (const a of answers) {
      expect([a.status, expectDocumented(a).errors?.[0]?.message]).toEqual([413, 'body larger than 16384 bytes']);
      // the unread rest of the body would be parsed as the next request on a kept-alive socket
      expect(a.headers.connection).toBe('close');
    }
    expect((await s.json(handoff)).status).toBe(202);
    expect(s.forwarded.length).toBe(before + 1);
  });

  it.each<[string, string, string]>([
    ['truncated JSON', 'application/json', '{"event":"AddToCart","eventId":'],
    ['JSON 5,000 arrays deep', 'application/json', '['.repeat(5000) + ']'.repeat(5000)],
    ['a JSON number, not an object', 'application/json', '1e309'],
    ['JSON with a __proto__ hand-off', 'application/json', JSON.stringify({ ...handoff, properties: { value: 1 } }).replace('"value"', '"__proto__":{"value":1e15},"x"')],
    ['invalid UTF-8', 'application/json', '\u00ff\u00fe{"event":1}'],
    ['a form without the event fields', 'application/x-www-form-urlencoded', 'email=alice.tester%40example.com'],
    ['a form with broken escapes and junk context', 'application/x-www-form-urlencoded', 'pp_event=%ZZ&pp_event_i%d=%E0%A4%A&pp_context=%7B%22nope'],
    ['a form whose context is not the hand-off shape', 'application/x-www-form-urlencoded', 'pp_event=Contact&pp_event_id=form_1&pp_context=%7B%22consent%22%3A%7B%22adUserData%22%3A%5B%5D%7D%2C%22ttclid%22%3A%22a%3Bb%22%7D'],
    ['multipart without a boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--'],
    ['multipart cut off mid-part', 'multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="pp_event"\r\n\r\nLe'],
    ['multipart with the wrong boundary', 'multipart/form-data; boundary=zz', '--yy\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--yy--\r\n'],
    ['multipart with binary garbage', 'multipart/form-data; boundary=zz', '\u0000\u0001\u0002--zz\r\n\r\n\r\n--zz'],
  ])('%s → 400 JSON, nothing forwarded', async (_name, type, body) => {
    const before = s.forwarded.length;
    const answer = await s.send({ headers: { 'content-type': type }, body: Buffer.from(body, 'latin1') });
    expect(answer.status).toBe(400);
    expect(leaks(expectDocumented(answer))).toEqual([]);
    expect(s.forwarded.length).toBe(before);
  });

  it.each<[string, { method?: string; headers: Record<string, string | null> }, number]>([
    ['an XML body', { headers: { 'content-type': 'application/xml' } }, 415],
    ['an image', { headers: { 'content-type': 'image/png' } }, 415],
    ['another origin', { headers: { 'content-type': 'application/json', origin: 'https://evil.example' } }, 403],
    ['the null origin', { headers: { 'content-type': 'application/json', origin: 'null' } }, 403],
    ['a cross-site request without Origin', { headers: { 'content-type': 'application/json', origin: null, 'sec-fetch-site': 'cross-site' } }, 403],
    ['GET', { method: 'GET', headers: {} }, 405],
    ['PUT', { method: 'PUT', headers: { 'content-type': 'application/json' } }, 405],
    ['DELETE', { method: 'DELETE', headers: {} }, 405],
    ['a preflight', { method: 'OPTIONS', headers: {} }, 204],
  ])('%s → %s with the documented answer', async (_name, init, status) => {
    const before = s.forwarded.length;
    const answer = await s.send({ method: init.method, headers: init.headers, body: init.method === 'GET' || init.method === 'DELETE' || init.method === 'OPTIONS' ? undefined : JSON.stringify(handoff) });
    expect(answer.status).toBe(status);
    expectDocumented(answer);
    expect(s.forwarded.length).toBe(before);
  });

  it('a malformed Host header gets the JSON 400, not an empty 500', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(s.port, '127.0.0.1', () => {
        const body = JSON.stringify(handoff);
        socket.end(`POST /collect HTTP/1.1\r\nHost: shop example\r\nOrigin: ${SHOP}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      });
      let out = '';
      socket.on('data', (c) => (out += c));
      socket.on('end', () => resolve(out));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(body!)).toEqual({ ok: false, errors: [{ path: '', message: expect.any(String) }] });
  });

  it('a client that hangs up mid-body costs nothing and breaks nothing', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: s.port, path: '/collect', method: 'POST', headers: { origin: SHOP, 'content-type': 'application/json', 'content-length': 5000 } });
      req.on('error', () => resolve());
      req.write('{"event":"AddToCart","eventId":"cart_');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect((await s.json(handoff)).status).toBe(202);
  });

  it('forged values and junk click ids are refused; forged purchases are told what was ignored; nothing else is forwarded', async () => {
    const before = s.forwarded.length;
    const refused = [
      { ...handoff, properties: { value: 1e15, currency: 'EUR' } },
      { ...handoff, properties: { contents: [{ content_id: 'SKU-1', quantity: 1e9 }] } },
      { ...handoff, context: { ...context, ttclid: 'E.C.P.a\r\nSet-Cookie: admin=1' } },
      { ...handoff, context: { ...context, ttp: 'x'.repeat(1000) } },
      { ...handoff, context: { ...context, ttclid: 'a;b"c' } },
      { ...handoff, properties: { email: 'alice.tester@example.com' } },
    ];
    for (const body of refused) {
      const answer = await s.json(body);
      expect(answer.status).toBe(400);
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(leaks(expectDocumented(answer))).toEqual([]);
    }
    const purchase = await s.json({ ...handoff, event: 'CompletePayment', eventId: 'ord_9_complete_payment', properties: { value: 0.01, currency: 'EUR' } });
    expect([purchase.status, expectDocumented(purchase)]).toEqual([200, { ok: true, eventId: 'ord_9_complete_payment', ignored: 'purchases and leads come from the order records' }]);
    expect(purchase.headers['set-cookie']).toBeUndefined();
    expect(s.forwarded.length).toBe(before);
  });

  it('after "Reject all" no click-id cookie is set, and a stale one is cleared', async () => {
    const denied = await s.json({ ...handoff, context: { ...context, consent: { ...context.consent, adUserData: 'denied' } } }, { cookie: 'ttclid=E.C.P.old' });
    expect(denied.status).toBe(202);
    expect(denied.headers['set-cookie']).toEqual(['ttclid=; Max-Age=0; Path=/; Secure; SameSite=Lax']);
    const granted = await s.json(handoff);
    expect(granted.headers['set-cookie']).toEqual([expect.stringMatching(/^ttclid=E\.C\.P\.abc;/), expect.stringMatching(/^_ttp=01JRF/)]);
  });
});

describe('floods with spoofed X-Forwarded-For', () => {
  const flood = async (server: Awaited<ReturnType<typeof serve>>, xff: (i: number) => string, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const answer = await server.json({ ...handoff, eventId: `cart_${i}_add` }, { 'x-forwarded-for': xff(i) });
      expectDocumented(answer);
      statuses.push(answer.status);
    }
    return statuses;
  };
  const counts = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, st) => ({ ...acc, [st]: (acc[st] ?? 0) + 1 }), {});

  it('without trusted proxies, a spoofed header buys no fresh bucket: the peer is the key', async () => {
    const server = await serve({ rateLimit: { max: 20, windowMs: 60_000 } });
    try {
      expect(counts(await flood(server, (i) => `198.51.100.${i % 250}, 10.${i}.0.1`, 40))).toEqual({ 202: 20, 429: 20 });
      expect(new Set(server.forwarded.map((f) => f.ctx.ip))).toEqual(new Set(['127.0.0.1']));
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy, the hops the sender made up are skipped: the address the proxy saw is the key', async () => {
    const server = await serve({ rateLimit: { max: 20, windowMs: 60_000 }, trustedProxies: ['127.0.0.1'] });
    try {
      expect(counts(await flood(server, (i) => `203.0.113.${i % 250}, 6.6.6.${i % 250}, 198.51.100.7`, 40))).toEqual({ 202: 20, 429: 20 });
      expect(new Set(server.forwarded.map((f) => f.ctx.ip))).toEqual(new Set(['198.51.100.7']));
    } finally {
      await server.close();
    }
  });

  it('rotating IPv6 addresses inside one /64 shares one bucket', async () => {
    const server = await serve({ rateLimit: { max: 20, windowMs: 60_000 }, trustedProxies: ['127.0.0.1'] });
    try {
      expect(counts(await flood(server, (i) => `2001:db8:1:2:${(i + 1).toString(16)}::1`, 40))).toEqual({ 202: 20, 429: 20 });
    } finally {
      await server.close();
    }
  });
});

describe('memory under abuse', () => {
  it('the heap returns to its baseline after a mixed abusive load (GC\'d heapUsed, generous bound)', async () => {
    const server = await serve({ rateLimit: { max: 5, windowMs: 60_000, maxKeys: 1000 }, trustedProxies: ['127.0.0.1'] });
    const round = async (i: number) => {
      const kind = i % 6;
      const xff = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      if (kind === 0) return server.json({ ...handoff, eventId: `cart_${i}_add` }, { 'x-forwarded-for': xff });
      if (kind === 1) return server.send({ headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'x-forwarded-for': xff }, body: Array.from({ length: 6 }, () => 'x'.repeat(8 * 1024)) });
      if (kind === 2) return server.send({ headers: { 'content-type': 'multipart/form-data; boundary=zz', 'x-forwarded-for': xff }, body: `--zz\r\nContent-Disposition: form-data; name="pp_event"\r\n\r\n${'L'.repeat(i % 4000)}` });
      if (kind === 3) return server.json({ ...handoff, properties: { value: 1e15 } }, { 'x-forwarded-for': xff });
      if (kind === 4) return server.send({ headers: { 'content-type': 'application/json', 'x-forwarded-for': xff }, body: '['.repeat(8000) });
      return server.json({ ...handoff, context: { ...context, ttclid: `${'a'.repeat(600)}\r\n` } }, { 'x-forwarded-for': '198.51.100.1' });
    };
    try {
      for (let i = 0; i < 300; i++) expectDocumented(await round(i));
      server.forwarded.length = 0;
      const baseline = heapAfterGc();
      const statuses = new Map<number, number>();
      const load = FUZZ_RUNS * 10;
      for (let i = 300; i < 300 + load; i++) {
        const answer = await round(i);
        expectDocumented(answer);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
      server.forwarded.length = 0;
      const after = heapAfterGc();
      const growthMb = (after - baseline) / 2 ** 20;
      console.log(`[abuse] ${load} abusive requests: heapUsed after GC ${(baseline / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MB (${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB); answers ${JSON.stringify(Object.fromEntries(statuses))}`);
      expect(growthMb).toBeLessThan(8);
      expect([...statuses.keys()].every((st) => DOCUMENTED.has(st))).toBe(true);
    } finally {
      await server.close();
    }
  }, 60_000 + FUZZ_RUNS * 300);
});
