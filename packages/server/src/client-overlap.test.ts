/**
 * send() sends while it prepares: with a fake HTTP sender that logs beside the envelopes'
 * iterator, the first request goes out before the last envelope is even read, and the report,
 * the requests and onProgress stay what they were when everything was prepared first.
 */
import { describe, expect, it } from 'vitest';
import { createTikTok } from './client.js';
import type { HttpRequest, HttpSender } from './delivery/http.js';
import { silentLogger } from './delivery/logger.js';
import { envelope, PIXEL_ID, TOKEN } from '../test-support/envelopes.js';

const OK = '{"code":0,"message":"OK","request_id":"req"}';

/** Answers after a few milliseconds (so answers arrive while send() still prepares), `answers` first, then OK. */
function fakeSender(log: string[], answers: Array<{ status: number; text: string }> = []) {
  const bodies: Array<{ data: Array<{ event_id: string }> }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sender: HttpSender & { bodies: typeof bodies; maxInFlight: () => number } = {
    bodies,
    maxInFlight: () => maxInFlight,
    async send(request: HttpRequest) {
      log.push(`request ${bodies.length}`);
      bodies.push(JSON.parse(request.body!));
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      const answer = answers.shift() ?? { status: 200, text: OK };
      return { ...answer, headers: {}, latencyMs: 5 };
    },
    close: async () => {},
  };
  return sender;
}

function* envelopes(count: number, log: string[], bad: (i: number) => boolean = () => false) {
  for (let i = 0; i < count; i++) {
    log.push(`envelope ${i}`);
    yield bad(i) ? { ...envelope(i), eventId: 42 } : envelope(i);
  }
}

const client = (http: HttpSender, extra: { concurrency?: number; maxEventsPerRequest?: number } = {}) =>
  createTikTok({ pixelId: PIXEL_ID, accessToken: TOKEN, http, logger: silentLogger, sleep: async () => {}, ...extra });

describe('send() overlaps preparing and sending', () => {
  it('the first request starts before the last envelope is read; the report keeps the input order', async () => {
    const log: string[] = [];
    const http = fakeSender(log);
    const tt = client(http, { concurrency: 2, maxEventsPerRequest: 500 });
    const report = await tt.send(envelopes(3000, log));
    await tt.close();
    expect(log.indexOf('request 0')).toBeGreaterThan(-1);
    expect(log.indexOf('request 0')).toBeLessThan(log.indexOf('envelope 2999'));
    // Answers were taken in while preparing, so more than one request went before the end.
    expect(log.indexOf('request 2')).toBeLessThan(log.indexOf('envelope 2999'));
    expect(report).toMatchObject({ delivered: 3000, requests: 6, retries: 0 });
    expect(http.maxInFlight()).toBeLessThanOrEqual(2);
    expect(http.bodies.map((b) => b.data.length)).toEqual(Array(6).fill(500));
    const ids = Array.from({ length: 3000 }, (_, i) => envelope(i).eventId);
    expect(http.bodies.flatMap((b) => b.data.map((e) => e.event_id))).toEqual(ids);
    expect(report.events.map((e) => [e.index, e.eventId])).toEqual(ids.map((id, i) => [i, id]));
  }, 30_000);

  it('keeps the order, the retries and onProgress with rejected envelopes and a retried request mid-stream', async () => {
    const log: string[] = [];
    const http = fakeSender(log, [{ status: 200, text: OK }, { status: 503, text: 'busy' }]);
    const tt = client(http, { concurrency: 3, maxEventsPerRequest: 300 });
    const progress: Array<[number, number]> = [];
    const bad = (i: number) => i % 97 === 5;
    const report = await tt.send(envelopes(2000, log, bad), {
      onProgress: (settled, total) => {
        progress.push([settled, total]);
        log.push('progress');
      },
    });
    await tt.close();
    const rejected = Array.from({ length: 2000 }, (_, i) => i).filter(bad);
    expect(report).toMatchObject({ delivered: 2000 - rejected.length, rejected: rejected.length, retries: 1, requests: 8 });
    expect(report.events.map((e) => e.index)).toEqual([...Array(2000).keys()]);
    expect(report.events.filter((e) => e.status === 'rejected').map((e) => e.index)).toEqual(rejected);
    expect(report.events.filter((e) => e.attempts === 2)).toHaveLength(300);
    // The total is the number of prepared copies from the first call on, as when all was prepared first.
    const total = 2000 - rejected.length;
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress.map(([s]) => s)).toEqual([...progress.map(([s]) => s)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([total, total]);
    expect(log.indexOf('progress')).toBeGreaterThan(log.indexOf('envelope 1999'));
  }, 30_000);

  it('a token error mid-stream stops the requests queued behind it, sent or not yet prepared', async () => {
    const log: string[] = [];
    const http = fakeSender(log, [{ status: 200, text: '{"code":40105,"message":"Access token is invalid"}' }]);
    const tt = client(http, { concurrency: 1, maxEventsPerRequest: 250 });
    const report = await tt.send(envelopes(1500, log));
    await tt.close();
    expect(report).toMatchObject({ delivered: 0, stopped: 1500, requests: 1 });
    expect(report.events.filter((e) => e.attempts === 1).map((e) => e.index)).toEqual([...Array(250).keys()]);
    expect(report.events.every((e) => e.status === 'stopped')).toBe(true);
  }, 30_000);

  it('an envelope iterator that throws makes send() throw it, after the requests already made have settled', async () => {
    const log: string[] = [];
    const http = fakeSender(log);
    const tt = client(http, { concurrency: 2, maxEventsPerRequest: 250 });
    function* failing() {
      yield* envelopes(1100, log);
      throw new Error('the export broke off');
    }
    await expect(tt.send(failing())).rejects.toThrow('the export broke off');
    await tt.close();
    // The four full requests went (they were queued before the throw); the last 100 events never did.
    expect(http.bodies.map((b) => b.data.length)).toEqual([250, 250, 250, 250]);
  }, 30_000);
});
