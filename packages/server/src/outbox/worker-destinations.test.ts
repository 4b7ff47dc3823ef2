/** The outbox fans out: one enqueue, one row per destination; each destination's lanes, backoff and alerts are its own. */
import { describe, expect, it } from 'vitest';
import { metaDestination } from '../destinations/meta/meta.js';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import type { AnyDestination } from '../destinations/destination.js';
import type { HttpAnswer, HttpSender } from '../delivery/http.js';
import type { DeliveryOutcome } from '../delivery/outcome.js';
import { createMemoryStore } from './memory-store.js';
import { createOutbox } from './outbox.js';
import { envelope, fail, ok, PIXEL, TOKEN, until } from '../../test-support/outbox/fixtures.js';
import { startWorker, type OutboxAlert } from './worker.js';

const META_PIXEL = '1234567890123456';
const page = { url: 'https://shop.example/thanks' };

/** Both destinations, real bodies, answers scripted per destination. */
function scripted(answers: { tiktok: () => DeliveryOutcome; meta: () => DeliveryOutcome }) {
  const sent = { tiktok: 0, meta: 0 };
  const outcomes = new WeakMap<HttpAnswer, DeliveryOutcome>();
  const http: HttpSender = {
    async send(request) {
      const which = request.url.pathname.includes(META_PIXEL) ? 'meta' : 'tiktok';
      sent[which] += 1;
      const answer: HttpAnswer = { status: 200, headers: {}, text: '', latencyMs: 1 };
      outcomes.set(answer, answers[which]());
      return answer;
    },
    async close() {},
  };
  const script = (d: AnyDestination): AnyDestination => ({ ...d, classify: (a) => outcomes.get(a)! });
  const destinations = [
    script(tiktokDestination({ pixelId: PIXEL, accessToken: TOKEN, apiUrl: 'http://127.0.0.1:9/tiktok/' })),
    script(metaDestination({ pixelId: META_PIXEL, accessToken: 'meta-token', apiUrl: `http://127.0.0.1:9/v25.0/${META_PIXEL}/events` })),
  ];
  return { http, destinations, sent };
}

describe('the outbox with TikTok and Meta', () => {
  it('stores one row per destination in one enqueue, each with its own dedup key', async () => {
    const store = createMemoryStore();
    const outbox = createOutbox({ store, destinations: [tiktokDestination({ pixelId: PIXEL }), metaDestination({ pixelId: META_PIXEL })] });
    const first = await outbox.track({ ...envelope(1), page });
    expect(first).toMatchObject({ ok: true, duplicate: false, destinations: [{ destination: 'tiktok', status: 'enqueued' }, { destination: 'meta', status: 'enqueued' }] });
    expect(await outbox.track({ ...envelope(1), page })).toMatchObject({ ok: true, duplicate: true });
    const rows = await store.history('ord_1_purchase');
    expect(rows.map((r) => [r.destination, r.account, r.event])).toEqual([['tiktok', PIXEL, 'Purchase'], ['meta', META_PIXEL, 'Purchase']]);
    expect((await store.status(Date.now())).destinations).toMatchObject({ tiktok: { counts: { pending: 1 } }, meta: { counts: { pending: 1 } } });
    // Meta refuses what it cannot take; TikTok's copy is still stored.
    const partial = await outbox.track(envelope(2));
    expect(partial).toMatchObject({ ok: true, destinations: [{ destination: 'tiktok', status: 'enqueued' }, { destination: 'meta', status: 'rejected' }] });
  });

  it('a revoked Meta token pauses and alerts Meta only: TikTok delivers everything meanwhile', async () => {
    const store = createMemoryStore();
    const outbox = createOutbox({ store, destinations: [tiktokDestination({ pixelId: PIXEL }), metaDestination({ pixelId: META_PIXEL })] });
    await outbox.trackMany(Array.from({ length: 30 }, (_, i) => ({ ...envelope(i), page })));
    const { http, destinations, sent } = scripted({ tiktok: () => ok(), meta: () => fail('token_invalid', { code: 190, stop: true }) });
    const alerts: OutboxAlert[] = [];
    const worker = startWorker({ store, destinations, http }, { idleMs: 5, batchSize: 10, stopPauseMs: 60_000, backoff: { baseMs: 1, maxMs: 5 }, onAlert: (a) => alerts.push(a) });
    await until(async () => (await store.status(Date.now())).destinations.tiktok?.counts.delivered === 30);
    const stats = await worker.close({ deadlineMs: 500 });
    expect(stats.byDestination.tiktok).toMatchObject({ delivered: 30 });
    expect(stats.byDestination.meta).toMatchObject({ delivered: 0 });
    // One request, then Meta's lane waits out its pause while TikTok's carries on.
    expect(sent.meta).toBe(1);
    expect(alerts).toEqual([expect.objectContaining({ destination: 'meta', kind: 'stop', reason: 'token_invalid', code: 190, events: 10 })]);
    const [meta] = (await store.history('ord_0_purchase')).filter((h) => h.destination === 'meta');
    expect(meta?.history[0]).toMatchObject({ decision: 'stop', alert: true, code: 190 });
  });

  it('a Meta outage backs off Meta only; every stop and every alerting drop reaches onAlert', async () => {
    const store = createMemoryStore();
    const outbox = createOutbox({ store, destinations: [tiktokDestination({ pixelId: PIXEL }), metaDestination({ pixelId: META_PIXEL })] });
    await outbox.trackMany(Array.from({ length: 4 }, (_, i) => ({ ...envelope(i), page })));
    let metaCalls = 0;
    const { http, destinations } = scripted({
      tiktok: () => ok(),
      meta: () => (++metaCalls === 1 ? fail('http_503', { httpStatus: 503 }) : fail('invalid_params', { code: 100, retryable: false, alert: true, wholeBatch: false })),
    });
    const alerts: OutboxAlert[] = [];
    const worker = startWorker({ store, destinations, http }, { idleMs: 5, backoff: { baseMs: 1, maxMs: 5 }, onAlert: (a) => alerts.push(a) });
    await until(async () => {
      const s = await store.status(Date.now());
      return s.destinations.tiktok?.counts.delivered === 4 && s.destinations.meta?.counts.dead === 4;
    });
    await worker.close();
    expect(alerts).toEqual([expect.objectContaining({ destination: 'meta', kind: 'drop', reason: 'invalid_params', events: 4 })]);
  });
});
