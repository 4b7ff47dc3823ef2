import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PIXEL_ID, TOKEN } from '../test-support/envelopes.js';
import { startFakeTikTok, type FakeTikTok } from '../test-support/fake-tiktok.js';
import type { TikTokRequestBody } from '../types.js';
import { createTransport, DEFAULT_API_URL, resolveApiUrl } from './transport.js';

let tiktok: FakeTikTok;
beforeAll(async () => {
  tiktok = await startFakeTikTok();
});
afterEach(() => tiktok.reset());
afterAll(() => tiktok.close());

const body: TikTokRequestBody = { event_source: 'web', event_source_id: PIXEL_ID, data: [{ event: 'ViewContent', event_time: 1_795_000_000, event_id: 'pv_1' }] };

describe('createTransport', () => {
  it('makes one attempt per post and reuses a keep-alive connection', async () => {
    const t = createTransport({ accessToken: TOKEN, apiUrl: tiktok.url, connections: 1 });
    tiktok.received.length = 0;
    tiktok.script({ code: 40100 });
    const first = await t.post(body);
    const second = await t.post(body);
    await t.close();
    expect(first).toMatchObject({ ok: false, reason: 'rate_limited', retryable: true, stop: false, code: 40100 });
    expect(second).toMatchObject({ ok: true, code: 0, requestId: expect.any(String) });
    expect(tiktok.received).toHaveLength(2);
    expect(tiktok.received[0]?.remotePort).toBe(tiktok.received[1]?.remotePort);
    expect(tiktok.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('answers a caller abort and a hang as values, never throwing', async () => {
    const t = createTransport({ accessToken: TOKEN, apiUrl: tiktok.url, timeoutMs: 100 });
    tiktok.script({ hang: true }, { hang: true });
    expect(await t.post(body)).toMatchObject({ ok: false, reason: 'timeout', retryable: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await t.post(body, controller.signal)).toMatchObject({ ok: false, reason: 'aborted', retryable: true });
    await t.close();
  });

  it('defaults the URL to TIKTOK_API_URL, then TikTok', () => {
    const saved = process.env.TIKTOK_API_URL;
    try {
      delete process.env.TIKTOK_API_URL;
      expect(resolveApiUrl().toString()).toBe(DEFAULT_API_URL);
      process.env.TIKTOK_API_URL = 'http://127.0.0.1:1/x/';
      expect(resolveApiUrl().toString()).toBe('http://127.0.0.1:1/x/');
      expect(() => resolveApiUrl('ftp://x')).toThrow(/http/);
    } finally {
      if (saved === undefined) delete process.env.TIKTOK_API_URL;
      else process.env.TIKTOK_API_URL = saved;
    }
  });
});
