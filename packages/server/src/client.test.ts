import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTikTok, type TikTokConfig } from './client.js';
import type { Logger } from './delivery/logger.js';
import { envelope, PIXEL_ID, TOKEN } from '../test-support/envelopes.js';
import { startFakeTikTok, type FakeTikTok } from '../test-support/fake-tiktok.js';

let tiktok: FakeTikTok;
beforeAll(async () => {
  tiktok = await startFakeTikTok();
});
afterAll(() => tiktok.close());
afterEach(() => tiktok.reset());

interface Captured extends Logger {
  lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }>;
}
function captureLogger(): Captured {
  const lines: Captured['lines'] = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

const sleeps: number[] = [];
function client(extra: Partial<TikTokConfig> = {}) {
  return createTikTok({
    pixelId: PIXEL_ID,
    accessToken: TOKEN,
    apiUrl: tiktok.url,
    timeoutMs: 2000,
    logger: captureLogger(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
}

describe('createTikTok.send against a local TikTok stand-in', () => {
  it('retries 40100, HTTP 503 and a connection reset until delivered, with the same event_id', async () => {
    tiktok.script({ code: 40100, message: 'Too many requests' }, { status: 503, text: '<html>503</html>' }, { reset: true });
    const tt = client();
    const report = await tt.send([envelope(1)]);
    await tt.close();
    expect(report).toMatchObject({ delivered: 1, dropped: 0, rejected: 0, stopped: 0, retries: 3, requests: 4 });
    expect(tiktok.received.map((r) => r.body.data[0]?.event_id)).toEqual(Array(4).fill('ord_10001_complete_payment'));
    expect(report.events[0]).toMatchObject({ status: 'delivered', attempts: 4, code: 0, requestId: 'req-4' });
  });

  it('sends the Access-Token header and a v1.3 body without partner_name', async () => {
    const tt = client();
    await tt.send([envelope(2)]);
    await tt.close();
    const [req] = tiktok.received;
    expect(req?.headers['access-token']).toBe(TOKEN);
    expect(req?.body).toMatchObject({ event_source: 'web', event_source_id: PIXEL_ID });
    expect(req?.body).not.toHaveProperty('partner_name');
    expect(typeof req?.body.data[0]?.event_time).toBe('number');
  });

  it('does not retry 40002: the event is dropped and reported', async () => {
    tiktok.script({ code: 40002, message: 'Batch.0.properties.contents.0.content_id: Not a valid string' });
    const tt = client();
    const report = await tt.send([envelope(3)]);
    await tt.close();
    expect(report).toMatchObject({ delivered: 0, dropped: 1, retries: 0, requests: 1 });
    expect(report.events[0]).toMatchObject({ status: 'dropped', code: 40002, reason: 'param_error' });
  });

  it('one bad event never sinks its batch: a rejected request is split until the culprit is alone', async () => {
    tiktok.rule((body) => (body.data.some((e) => e.event_id === 'ord_10007_complete_payment') ? { code: 40002, message: 'bad' } : undefined));
    const tt = client();
    const report = await tt.send(Array.from({ length: 8 }, (_, i) => envelope(i)));
    await tt.close();
    expect(report).toMatchObject({ delivered: 7, dropped: 1, retries: 0 });
    expect(report.events.find((e) => e.status === 'dropped')?.eventId).toBe('ord_10007_complete_payment');
    expect(report.requests).toBe(7);
  });

  it('a token error stops sending and is reported for every event, loudly', async () => {
    tiktok.script({ code: 40105, message: 'Access token is invalid' });
    const logger = captureLogger();
    const tt = client({ logger, maxEventsPerRequest: 1, concurrency: 1 }); // one at a time, to see that nothing follows a stop
    const report = await tt.send([envelope(4), envelope(5), envelope(6)]);
    await tt.close();
    expect(report).toMatchObject({ delivered: 0, stopped: 3, requests: 1, retries: 0 });
    expect(report.events.map((e) => e.attempts)).toEqual([1, 0, 0]);
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(3);
    expect(logger.lines[0]?.obj).toMatchObject({ status: 'stopped', reason: 'token_invalid', code: 40105 });
  });

  it('sends 2,500 events as three requests', async () => {
    const tt = client();
    const report = await tt.send(Array.from({ length: 2500 }, (_, i) => envelope(i)));
    await tt.close();
    expect(report.requests).toBe(3);
    expect(report.delivered).toBe(2500);
    expect(tiktok.received.map((r) => r.body.data.length).sort()).toEqual([1000, 1000, 500].sort());
    // Requests are kept in flight by default (it used to send one at a time); the report keeps the input order.
    expect(tiktok.maxInFlight()).toBeGreaterThanOrEqual(1);
    expect(tiktok.maxInFlight()).toBeLessThanOrEqual(4);
    expect(report.events.map((e) => e.index)).toEqual([...Array(2500).keys()]);
  }, 30_000); // 2,500 prepares: fast alone, slow when the shared machine is busy

  it('can keep several requests in flight, each event delivered once', async () => {
    tiktok.rule(() => ({ code: 0, delayMs: 100 }));
    const tt = client({ concurrency: 3, maxEventsPerRequest: 2 });
    const report = await tt.send(Array.from({ length: 12 }, (_, i) => envelope(30 + i)));
    await tt.close();
    expect(report).toMatchObject({ delivered: 12, requests: 6 });
    expect(tiktok.maxInFlight()).toBeGreaterThan(1);
    expect(tiktok.maxInFlight()).toBeLessThanOrEqual(3);
    expect(new Set(tiktok.received.flatMap((r) => r.body.data.map((e) => e.event_id))).size).toBe(12);
    expect(report.events.map((e) => e.index)).toEqual([...Array(12).keys()]);
  });

  it('honours Retry-After and gives up after maxAttempts without throwing', async () => {
    sleeps.length = 0;
    tiktok.script(...Array(3).fill({ status: 429, text: 'slow down', headers: { 'retry-after': '2' } }));
    const logger = captureLogger();
    const tt = client({ maxAttempts: 3, logger });
    const report = await tt.send([envelope(8)]);
    await tt.close();
    expect(report).toMatchObject({ delivered: 0, dropped: 1, retries: 2, requests: 3 });
    expect(sleeps.slice(-2).every((ms) => ms >= 2000)).toBe(true);
    expect(logger.lines.at(-1)?.obj).toMatchObject({ retries_exhausted: true, reason: 'http_429' });
  });

  it('times out a hanging request and classifies it as retryable', async () => {
    tiktok.script({ hang: true });
    const logger = captureLogger();
    const tt = client({ timeoutMs: 400, logger });
    const report = await tt.send([envelope(9)]);
    await tt.close();
    expect(report.delivered).toBe(1);
    // At least the hung attempt was retried (a very busy machine may time out a second one too).
    expect(report.retries).toBeGreaterThanOrEqual(1);
    expect(tiktok.received.every((r) => r.body.data[0]?.event_id === 'ord_10009_complete_payment')).toBe(true);
  });

  it('rejects invalid envelopes before sending and sends the rest', async () => {
    const tt = client();
    const report = await tt.send([envelope(10), { ...envelope(11), eventId: 11 }, envelope(12)]);
    await tt.close();
    expect(report).toMatchObject({ delivered: 2, rejected: 1, requests: 1 });
    expect(report.events.map((e) => [e.index, e.status])).toEqual([
      [0, 'delivered'],
      [1, 'rejected'],
      [2, 'delivered'],
    ]);
    expect(report.events[1]?.errors?.[0]?.path).toBe('eventId');
  });

  it('an aborted send stops before the next request and says so', async () => {
    const controller = new AbortController();
    tiktok.received.length = 0;
    const tt = client({ maxEventsPerRequest: 1, concurrency: 1 });
    const report = await tt.send([envelope(20), envelope(21), envelope(22)], {
      signal: controller.signal,
      onProgress: (settled) => {
        if (settled === 1) controller.abort();
      },
    });
    await tt.close();
    expect(report).toMatchObject({ delivered: 1, stopped: 2, requests: 1 });
    expect(report.events.map((e) => e.reason)).toEqual([undefined, 'aborted', 'aborted']);
  });

  it('reports a network failure as a value when nothing listens', async () => {
    const tt = client({ apiUrl: 'http://127.0.0.1:9/open_api/v1.3/event/track/', maxAttempts: 2 });
    const report = await tt.send([envelope(13)]);
    await tt.close();
    expect(report).toMatchObject({ dropped: 1, requests: 2 });
    expect(report.events[0]?.reason).toBe('network');
  });
});

describe('createTikTok configuration errors', () => {
  it('throws clear messages for a missing pixel id or token, never echoing the token', () => {
    const saved = { ...process.env };
    delete process.env.TIKTOK_PIXEL_ID;
    delete process.env.TIKTOK_ACCESS_TOKEN;
    try {
      expect(() => createTikTok({ accessToken: TOKEN } as TikTokConfig)).toThrow(/pixel id is missing/);
      expect(() => createTikTok({ pixelId: PIXEL_ID })).toThrow(/access token is missing/);
      expect(() => createTikTok({ pixelId: PIXEL_ID, accessToken: `${TOKEN}\n` })).toThrow(/control characters/);
      expect(() => createTikTok({ pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: `not a url ${TOKEN}` })).toThrow(/not a valid URL/);
      for (const bad of [{ accessToken: TOKEN }, { pixelId: PIXEL_ID, accessToken: `${TOKEN}\n` }, { pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: `x ${TOKEN}` }] as TikTokConfig[]) {
        try {
          createTikTok(bad);
        } catch (error) {
          expect((error as Error).message).not.toContain(TOKEN);
        }
      }
    } finally {
      process.env = saved;
    }
  });
});
