import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import { PIXEL_ID, TOKEN } from '../../test-support/envelopes.js';
import { startFakeTikTok, type FakeTikTok } from '../../test-support/fake-tiktok.js';
import { createHttpSender, type HttpRequest } from './http.js';

let tiktok: FakeTikTok;
beforeAll(async () => {
  tiktok = await startFakeTikTok();
});
afterEach(() => tiktok.reset());
afterAll(() => tiktok.close());

/** The destination's request, which for TikTok is always an HTTP request (no token to fetch). */
async function requestOf(d: ReturnType<typeof tiktokDestination>, batch: string, events: Array<{ wireJson: string }>): Promise<HttpRequest> {
  const r = await d.request(batch, events);
  if ('kind' in r) throw new Error(`no request: ${r.reason}`);
  return r;
}

const event = { wireJson: JSON.stringify({ event: 'ViewContent', event_time: 1_795_000_000, event_id: 'pv_1' }) };

describe('createHttpSender with the TikTok destination', () => {
  it('makes one attempt per send and reuses a keep-alive connection', async () => {
    const tt = tiktokDestination({ pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: tiktok.url });
    const http = createHttpSender({ connections: 1 });
    tiktok.received.length = 0;
    tiktok.script({ code: 40100 });
    const first = tt.classify(await http.send(await requestOf(tt, '', [event])));
    const second = tt.classify(await http.send(await requestOf(tt, '', [event])));
    await http.close();
    expect(first).toMatchObject({ kind: 'retry', reason: 'rate_limited', code: 40100 });
    expect(second).toMatchObject({ kind: 'delivered', code: 0, requestId: expect.any(String) });
    expect(tiktok.received).toHaveLength(2);
    expect(tiktok.received[0]?.remotePort).toBe(tiktok.received[1]?.remotePort);
    expect(tiktok.received[0]?.headers['content-type']).toBe('application/json');
    expect(tiktok.received[0]?.body).toEqual({ event_source: 'web', event_source_id: PIXEL_ID, data: [JSON.parse(event.wireJson)] });
  });

  it('answers a caller abort and a hang as values, never throwing', async () => {
    const tt = tiktokDestination({ pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: tiktok.url });
    const http = createHttpSender({ timeoutMs: 100 });
    tiktok.script({ hang: true }, { hang: true });
    expect(tt.classify(await http.send(await requestOf(tt, '', [event])))).toMatchObject({ kind: 'retry', reason: 'timeout' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(tt.classify(await http.send(await requestOf(tt, '', [event]), controller.signal))).toMatchObject({ kind: 'retry', reason: 'aborted' });
    await http.close();
  });

  it('settles a request the HTTP client refuses (a header it cannot send) as a network answer', async () => {
    const http = createHttpSender({ timeoutMs: 2000 });
    const answer = await http.send({ url: new URL(tiktok.url), headers: { 'access-token': 'bad\u007ftoken' }, body: '{}' });
    await http.close();
    expect(answer).toMatchObject({ error: 'network', code: expect.stringMatching(/^UND_ERR/) });
    expect(JSON.stringify(answer)).not.toContain('bad');
    expect(tiktok.received).toHaveLength(0);
  });

  it('puts the test event code in the body, never beside live events', async () => {
    const tt = tiktokDestination({ pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: tiktok.url, testEventCode: 'TEST123' });
    const request = await requestOf(tt, 'TEST123', [event, event]);
    expect(JSON.parse(request.body!)).toMatchObject({ event_source_id: PIXEL_ID, test_event_code: 'TEST123', data: [{ event_id: 'pv_1' }, { event_id: 'pv_1' }] });
  });
});

describe('TikTok destination configuration', () => {
  it.each(['\u007f', '\u0001', '\u001b', '\n', '\r', '\u0000', ' '])('refuses a token with %j at construction, without echoing it', (bad) => {
    const token = `${TOKEN}${bad}x`;
    let message = '';
    try {
      tiktokDestination({ pixelId: PIXEL_ID, accessToken: token });
    } catch (error) {
      message = (error as Error).message;
      expect((error as Error).name).toBe('ConfigError');
    }
    expect(message).toMatch(/control characters/);
    expect(message).not.toContain(TOKEN);
  });

  it('defaults to TikTok v1.3 and reads no environment variable', () => {
    const saved = process.env.TIKTOK_API_URL;
    process.env.TIKTOK_API_URL = 'http://127.0.0.1:1/elsewhere/';
    try {
      const tt = tiktokDestination({ pixelId: PIXEL_ID, accessToken: TOKEN });
      return requestOf(tt, '', [event]).then((r) => expect(r.url.toString()).toBe('https://business-api.tiktok.com/open_api/v1.3/event/track/'));
    } finally {
      if (saved === undefined) delete process.env.TIKTOK_API_URL;
      else process.env.TIKTOK_API_URL = saved;
    }
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => tiktokDestination({ pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: 'ftp://x' })).toThrow(/http/);
  });
});
