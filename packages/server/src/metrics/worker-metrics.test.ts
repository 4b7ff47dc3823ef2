/**
 * The worker's metrics as Prometheus sees them: scraped over HTTP from a worker delivering to
 * the local stand-in, with counters that move when events are delivered and dead-lettered and
 * queue gauges that follow the store.
 */
import { startEmulator, type Emulator } from '@pixelpair/emulator';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import type { TikTokRequestBody } from '../destinations/tiktok/wire.js';
import { createMemoryStore } from '../outbox/memory-store.js';
import { PIXEL, TOKEN, fail, ok, prepared, scriptedTikTok, until } from '../../test-support/outbox/fixtures.js';
import { startWorker } from '../outbox/worker.js';
import { startMetricsServer } from './metrics-server.js';
import { parseExposition, sampleValue } from '../../test-support/metrics/exposition.js';
import { createWorkerMetrics } from './worker-metrics.js';

const quick = { idleMs: 5, backoff: { baseMs: 1, maxMs: 5 }, stopPauseMs: 1 };

let emulator: Emulator;
beforeAll(async () => { emulator = await startEmulator(); });
afterAll(async () => { await emulator?.close(); });

describe('worker metrics scraped from /metrics', () => {
  it('counts deliveries and dead letters, and the queue gauges follow the store', async () => {
    const t0 = Date.now();
    const store = createMemoryStore();
    await store.enqueue([prepared(1), prepared(2), prepared(3)], { now: t0 });
    const destination = tiktokDestination({ pixelId: PIXEL, accessToken: TOKEN, apiUrl: emulator.apiUrl });
    // The gauges' clock is pinned: the oldest event is exactly 90 s old whenever we look.
    const metrics = await createWorkerMetrics({ store, destinations: [destination], queue: { maxAgeMs: 0, now: () => t0 + 90_000 } });
    const server = await startMetricsServer({ metrics, port: 0 });
    const scrape = async () => {
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('buyer');
      return parseExposition(text);
    };
    const tiktok = { destination: 'tiktok', account: PIXEL };

    let s = await scrape();
    expect(sampleValue(s, 'pixelpair_outbox_events', { destination: 'tiktok', state: 'pending' })).toBe(3);
    expect(sampleValue(s, 'pixelpair_outbox_oldest_pending_age_seconds', { destination: 'tiktok' })).toBe(90);
    // Dead-letter counters exist at 0 before the first one, so increase() sees it.
    expect(sampleValue(s, 'pixelpair_events_dead_total', { ...tiktok, reason: 'token_expired' })).toBe(0);
    expect(sampleValue(s, 'pixelpair_events_delivered_total')).toBeUndefined();

    const worker = startWorker({ store, destinations: [destination] }, { ...quick, stopAlertWindowMs: 0, ...metrics.hooks });
    try {
      await until(async () => (await store.status(Date.now())).counts.delivered === 3);
      await until(async () => sampleValue(await scrape(), 'pixelpair_events_delivered_total') === 3);
      s = await scrape();
      expect(sampleValue(s, 'pixelpair_events_delivered_total', { ...tiktok, reason: 'ok' })).toBe(3);
      const requests = sampleValue(s, 'pixelpair_requests_total', { ...tiktok, kind: 'delivered' });
      expect(requests).toBeGreaterThanOrEqual(1);
      expect(sampleValue(s, 'pixelpair_request_duration_seconds_count', tiktok)).toBe(requests);
      expect(sampleValue(s, 'pixelpair_outbox_events', { destination: 'tiktok', state: 'delivered' })).toBe(3);
      expect(sampleValue(s, 'pixelpair_outbox_events', { destination: 'tiktok', state: 'pending' })).toBe(0);
      expect(sampleValue(s, 'pixelpair_outbox_oldest_pending_age_seconds', { destination: 'tiktok' })).toBe(0);

      // The stand-in now refuses the token; with no alert window left, the events are dead-lettered.
      emulator.faults.set({ kind: 'token_expired' });
      await store.enqueue([prepared(10), prepared(11)], { now: t0 });
      await until(async () => (await store.status(Date.now())).counts.dead === 2);
      await until(async () => sampleValue(await scrape(), 'pixelpair_events_dead_total', { reason: 'token_expired' }) === 2);
      s = await scrape();
      expect(sampleValue(s, 'pixelpair_events_dead_total', { ...tiktok, reason: 'token_expired' })).toBe(2);
      expect(sampleValue(s, 'pixelpair_events_dead_total')).toBe(2);
      expect(sampleValue(s, 'pixelpair_alerts_total', { ...tiktok, kind: 'stop', reason: 'token_expired' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(s, 'pixelpair_requests_total', { ...tiktok, kind: 'stop' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(s, 'pixelpair_events_delivered_total')).toBe(3);
      expect(sampleValue(s, 'pixelpair_outbox_events', { destination: 'tiktok', state: 'dead' })).toBe(2);
      expect(sampleValue(s, 'pixelpair_outbox_status_timestamp_seconds')).toBe((t0 + 90_000) / 1000);
    } finally {
      emulator.faults.clear();
      await worker.close({ deadlineMs: 1000 });
      await server.close();
    }
  });

  it('counts retries by reason, drops by reason, and too_old dead letters no request ever saw', async () => {
    const store = createMemoryStore();
    // ord_3 is an hour old; this worker's window is 10 minutes: it dies without a request.
    await store.enqueue([prepared(1), prepared(2), prepared(3, { eventTime: Math.floor(Date.now() / 1000) - 3600 })]);
    let calls = 0;
    const { destination, http } = scriptedTikTok([
      async (body: TikTokRequestBody) => {
        calls += 1;
        if (calls === 1) return fail('rate_limited', { code: 40100 });
        return body.data.some((e) => e.event_id === 'ord_2_purchase') ? fail('invalid_params', { code: 40002, retryable: false }) : ok();
      },
    ]);
    const register = new Registry();
    const metrics = await createWorkerMetrics({ store, register });
    expect(metrics.register).toBe(register);
    const worker = startWorker({ store, destinations: [destination], http }, { ...quick, maxEventAgeSec: 600, ...metrics.hooks });
    try {
      await until(async () => {
        const { counts } = await store.status(Date.now());
        return counts.delivered === 1 && counts.dead === 2;
      });
    } finally {
      await worker.close({ deadlineMs: 1000 });
    }
    const s = parseExposition(await register.metrics());
    const tiktok = { destination: 'tiktok', account: PIXEL };
    expect(sampleValue(s, 'pixelpair_events_retried_total', { ...tiktok, reason: 'rate_limited' })).toBe(2);
    expect(sampleValue(s, 'pixelpair_events_delivered_total', { ...tiktok, reason: 'ok' })).toBe(1);
    expect(sampleValue(s, 'pixelpair_events_dead_total', { ...tiktok, reason: 'invalid_params' })).toBe(1);
    expect(sampleValue(s, 'pixelpair_events_dead_total', { ...tiktok, reason: 'too_old' })).toBe(1);
    expect(sampleValue(s, 'pixelpair_requests_total', { ...tiktok, kind: 'retry' })).toBe(1);
    expect(sampleValue(s, 'pixelpair_alerts_total', { ...tiktok, kind: 'drop', reason: 'invalid_params' })).toBeGreaterThanOrEqual(1);
  });

  it('queue: false leaves the store alone', async () => {
    let scans = 0;
    const metrics = await createWorkerMetrics({ store: { status: async () => { scans += 1; throw new Error('not asked'); } }, queue: false });
    const text = await metrics.metrics();
    expect(text).toContain('pixelpair_events_dead_total');
    expect(text).not.toContain('pixelpair_outbox_events');
    expect(scans).toBe(0);
  });

  it('a broken hook input never throws into the worker', async () => {
    const metrics = await createWorkerMetrics({ store: createMemoryStore() });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(() => metrics.hooks.onSettle({ destination: 'tiktok', account: PIXEL, settlements: null as never })).not.toThrow();
      await new Promise((r) => setImmediate(r));
      expect(warnings.some((w) => w.startsWith('pixelpair metrics:'))).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
