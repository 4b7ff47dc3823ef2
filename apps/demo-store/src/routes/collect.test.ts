/**
 * Issue 12, finding 5: behind a trusted proxy, /collect takes the client IP from
 * X-Forwarded-For, for the server copy and for the per-client rate limit; from any other
 * peer the header is ignored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoStore } from '../store.js';
import type { DemoStore } from '../store.js';
import type { Envelope } from '../shop/envelopes.js';

let store: DemoStore | undefined;
afterEach(async () => store?.close());

async function setUp(trustedProxies?: string[]) {
  const sent: Envelope[] = [];
  store = await createDemoStore({
    apiUrl: 'http://127.0.0.1:9/unused', accessToken: 'x', pixelId: 'CUNIT', paymentOrigin: 'http://127.0.0.1:9', paymentSecret: 's',
    backend: { hand: async (e) => (sent.push(e), { status: 'sent' }), close: async () => undefined },
    collectRateLimit: { max: 2 },
    ...(trustedProxies ? { trustedProxies } : {}),
  });
  return { sent, store };
}

let n = 0;
const beacon = (s: DemoStore, forwardedFor: string) => fetch(`${s.url}/collect`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
  body: JSON.stringify({ event: 'ViewContent', eventId: `view_proxy_${++n}`, context: { page: {}, consent: { adUserData: 'granted', adPersonalization: 'granted' }, capturedAt: '2026-11-25T06:00:00.000Z' } }),
});

describe('/collect behind a proxy', () => {
  it('from a trusted proxy: each client gets its own IP on the server copy and its own rate-limit bucket', async () => {
    const { sent, store } = await setUp(['127.0.0.1']);
    const alice = [await beacon(store, '203.0.113.10'), await beacon(store, '203.0.113.10'), await beacon(store, '203.0.113.10')];
    expect(alice.map((r) => r.status), 'the third request from one client is over its limit of 2').toEqual([202, 202, 429]);
    expect((await beacon(store, '198.51.100.20')).status, 'another client behind the same proxy is not throttled').toBe(202);
    expect(sent.map((e) => e.user.ip)).toEqual(['203.0.113.10', '203.0.113.10', '198.51.100.20']);
  });

  it('from a peer that is not a trusted proxy, X-Forwarded-For is ignored (anyone could send it)', async () => {
    const { sent, store } = await setUp();
    const statuses = [await beacon(store, '203.0.113.10'), await beacon(store, '198.51.100.20'), await beacon(store, '192.0.2.30')].map((r) => r.status);
    expect(statuses, 'one peer, one bucket, whatever the header claims').toEqual([202, 202, 429]);
    expect(sent.map((e) => e.user.ip)).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('refuses a trusted-proxy entry that is not an IP or CIDR range at start, naming the option', async () => {
    await expect(setUp(['10.0.0.0/8', 'proxy.internal'])).rejects.toThrow(/options\.trustedProxies: .*"proxy\.internal"/);
  });

  it('says what it refused: a purchase or a lead from the browser is ignored, with the reason, and never forwarded', async () => {
    const { sent, store } = await setUp();
    const forged = await fetch(`${store.url}/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'CompletePayment', eventId: 'ord_forged_complete_payment', properties: { value: 1e6, currency: 'EUR' }, context: { page: {}, consent: { adUserData: 'granted', adPersonalization: 'granted' }, capturedAt: '2026-11-25T06:00:00.000Z' } }),
    });
    expect(forged.status).toBe(200);
    expect(await forged.json()).toEqual({ ok: true, eventId: 'ord_forged_complete_payment', ignored: expect.stringContaining('own records') });
    expect(sent).toEqual([]);
  });
});

