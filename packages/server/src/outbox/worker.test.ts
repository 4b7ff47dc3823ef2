import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { createOutbox } from './outbox.js';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import { config, envelope, fail, ok, PIXEL, prepared, scriptedTikTok, until } from '../../test-support/outbox/fixtures.js';
import { startWorker } from './worker.js';
import type { TikTokRequestBody } from '../types.js';

const destinations = [tiktokDestination({ pixelId: PIXEL })];

const quick = { idleMs: 5, backoff: { baseMs: 1, maxMs: 5 } };

describe('createOutbox', () => {
  it('stores valid envelopes hashed, reports rejected ones, and says when an event was already there', async () => {
    const store = createMemoryStore();
    const outbox = createOutbox({ store, destinations });
    expect(await outbox.track(envelope(1))).toEqual({ ok: true, duplicate: false, eventId: 'ord_1_purchase', destinations: [{ destination: 'tiktok', status: 'enqueued' }] });
    expect(await outbox.track(envelope(1))).toEqual({ ok: true, duplicate: true, eventId: 'ord_1_purchase', destinations: [{ destination: 'tiktok', status: 'duplicate' }] });
    const many = await outbox.trackMany([envelope(2), { event: 'Purchase', eventId: 42 }, envelope(1), envelope(3)]);
    expect(many).toMatchObject({ enqueued: 2, duplicates: 1, rejected: 1 });
    expect(many.results[1]).toMatchObject({ ok: false, errors: [expect.objectContaining({ path: 'eventId' })] });
    const [h] = await store.history('ord_2_purchase');
    expect(JSON.stringify(h)).not.toContain('buyer2@example.com');
    expect(h!.log.matchKeys.email).toBe(true);
  });

  it('refuses to start without a destination', () => {
    expect(() => createOutbox({ store: createMemoryStore(), destinations: [] })).toThrow(/destination/);
  });
});

describe('startWorker', () => {
  it('retries 40100 and 503 with the same event_id until delivered, ≤ 1000 per request and test events apart', async () => {
    const store = createMemoryStore();
    const live = Array.from({ length: 2100 }, (_, i) => prepared(i));
    const test = Array.from({ length: 5 }, (_, i) => prepared(5000 + i, {}, { ...config, testEventCode: 'TEST123' }));
    await store.enqueue([...live, ...test]);
    const { destination, http, bodies } = scriptedTikTok([fail('rate_limited', { code: 40100 }), fail('http_503', { httpStatus: 503 }), ok()]);
    const worker = startWorker({ store, destinations: [destination], http }, { ...quick, batchSize: 1000 });
    await until(async () => (await store.status(Date.now())).counts.delivered === 2105);
    const stats = await worker.close({ deadlineMs: 1000 });
    expect(stats.delivered).toBe(2105);
    expect(stats.retried).toBeGreaterThan(0);
    expect(bodies.every((b) => b.data.length <= 1000)).toBe(true);
    const testIds = new Set(test.map((p) => p.eventId));
    expect(bodies.every((b) => b.data.every((e) => (b.test_event_code === 'TEST123') === testIds.has(e.event_id)))).toBe(true);
    expect(bodies.filter((b) => b.test_event_code === 'TEST123').length).toBeGreaterThan(0);
    const [h0] = await store.history('ord_0_purchase');
    expect(h0!.history.map((a) => [a.decision, a.code])).toEqual([['retry', 40100], ['delivered', 0]]);
    const [h1] = await store.history('ord_1000_purchase');
    expect(h1!.history.map((a) => [a.decision, a.httpStatus])).toEqual([['retry', 503], ['delivered', undefined]]);
    // Every retry sent the same event_ids: nothing was re-minted.
    const sent = new Set(bodies.flatMap((b) => b.data.map((e) => e.event_id)));
    expect(sent.size).toBe(2105);
  });

  it('dead-letters what TikTok drops, with the reason', async () => {
    const store = createMemoryStore();
    await store.enqueue([prepared(1)]);
    const { destination, http } = scriptedTikTok([fail('invalid_params', { code: 40002, retryable: false, message: 'Batch.0.event_id: Not a valid string' })]);
    const worker = startWorker({ store, destinations: [destination], http }, quick);
    await until(async () => (await store.status(Date.now())).counts.dead === 1);
    await worker.close();
    const [h] = await store.history('ord_1_purchase');
    expect(h).toMatchObject({ state: 'dead', deadReason: 'dropped: invalid_params code 40002', attempts: 1 });
  });

  it('splits a batch TikTok rejects as a whole, so only the bad event is dead-lettered', async () => {
    const store = createMemoryStore();
    await store.enqueue(Array.from({ length: 10 }, (_, i) => prepared(i)));
    const bad = 'ord_7_purchase';
    // like TikTok: one bad event fails the whole request with 40002
    const { destination, http } = scriptedTikTok([
      async (body: TikTokRequestBody) => (body.data.some((e) => e.event_id === bad) ? fail('param_error', { code: 40002, retryable: false }) : ok()),
    ]);
    const worker = startWorker({ store, destinations: [destination], http }, quick);
    await until(async () => {
      const { counts } = await store.status(Date.now());
      return counts.delivered + counts.dead === 10;
    });
    const stats = await worker.close();
    expect(stats).toMatchObject({ delivered: 9, dead: 1 });
    const [h] = await store.history(bad);
    expect(h).toMatchObject({ state: 'dead', deadReason: 'dropped: param_error code 40002' });
    // halving 10 events down to the bad one takes a handful of requests, not one per event
    expect(stats.requests).toBeLessThanOrEqual(9);
  });

  it('alerts on a revoked token, keeps retrying inside the alert window, then dead-letters', async () => {
    const store = createMemoryStore();
    await store.enqueue([prepared(1)]);
    const alerts: unknown[] = [];
    let clock = Date.now();
    const { destination, http } = scriptedTikTok([fail('token_invalid', { code: 40105, retryable: false, stop: true })]);
    const worker = startWorker({ store, destinations: [destination], http, backoff: () => 0 }, { idleMs: 5, stopPauseMs: 0, now: () => (clock += 400), stopAlertWindowMs: 2_000, onAlert: (a) => alerts.push(a) });
    await until(async () => (await store.status(clock)).counts.dead === 1);
    await worker.close({ deadlineMs: 500 });
    expect(alerts[0]).toMatchObject({ destination: 'tiktok', kind: 'stop', reason: 'token_invalid', code: 40105, events: 1 });
    const [h] = await store.history('ord_1_purchase');
    expect(h!.attempts).toBeGreaterThan(1);
    expect(h!.deadReason).toBe('stopped: token_invalid code 40105 for longer than the alert window');
  });

  it('dead-letters events already outside the accepted window without sending them', async () => {
    const store = createMemoryStore();
    await store.enqueue([prepared(1)]);
    const { destination, http, bodies } = scriptedTikTok([ok()]);
    const worker = startWorker({ store, destinations: [destination], http }, { ...quick, now: () => Date.now() + 8 * 86400_000 });
    await until(async () => (await store.status(Date.now())).counts.dead === 1);
    await worker.close();
    expect(bodies).toHaveLength(0);
    expect((await store.history('ord_1_purchase'))[0]!.history[0]).toMatchObject({ decision: 'expired', reason: 'too_old' });
  });

  it('close() returns within its deadline while a request hangs, and hands the batch back', async () => {
    const store = createMemoryStore();
    await store.enqueue(Array.from({ length: 50 }, (_, i) => prepared(i)));
    const hang = (_b: unknown, signal?: AbortSignal) =>
      new Promise<ReturnType<typeof fail>>((resolve) => signal?.addEventListener('abort', () => resolve(fail('network'))));
    const { destination, http } = scriptedTikTok([hang]);
    const worker = startWorker({ store, destinations: [destination], http }, quick);
    await until(async () => (await store.status(Date.now())).counts.leased === 50);
    const started = Date.now();
    const stats = await worker.close({ deadlineMs: 600 });
    // without the deadline this never returns; the slack absorbs timers on a busy 2-core machine
    expect(Date.now() - started).toBeLessThan(1000);
    expect(stats.returned).toBe(50);
    expect((await store.status(Date.now())).counts).toEqual({ pending: 50, leased: 0, delivered: 0, dead: 0 });
  });
});

describe('startWorker logging', () => {
  it('logs one line per request without the token or personal data', async () => {
    const store = createMemoryStore();
    await store.enqueue([prepared(1), prepared(2)]);
    const lines: string[] = [];
    const logger = { info: (o: object, m?: string) => lines.push(JSON.stringify({ ...o, m })), warn() {}, error() {} };
    const { destination, http } = scriptedTikTok([{ kind: 'delivered', reason: 'ok', code: 0, requestId: 'rq-1', latencyMs: 4 }]);
    const worker = startWorker({ store, destinations: [destination], http }, { ...quick, logger });
    await until(async () => (await store.status(Date.now())).counts.delivered === 2);
    await worker.close();
    expect(JSON.parse(lines[0]!)).toMatchObject({ events: 2, pixel_id: 'CTESTPIXEL0001', decision: 'delivered', code: 0, request_id: 'rq-1' });
    expect(lines.join('\n')).not.toMatch(/buyer\d@example\.com|test-access-token/);
  });

  it('runs many lanes without a listener-leak warning (--concurrency above 10)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const { destination, http } = scriptedTikTok([ok()]);
      const worker = startWorker({ store: createMemoryStore(), destinations: [destination], http }, { ...quick, concurrency: 16 });
      await new Promise((r) => setTimeout(r, 50)); // every lane idles on the shared stop signal
      await worker.close();
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});
