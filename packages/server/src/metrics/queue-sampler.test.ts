import { describe, expect, it } from 'vitest';
import type { OutboxStatus } from '../outbox/store.js';
import { queueSampler } from './queue-sampler.js';

const status = (pending: number): OutboxStatus => ({
  counts: { pending, leased: 0, delivered: 0, dead: 0 }, oldestPendingAgeMs: null,
  destinations: { tiktok: { counts: { pending, leased: 0, delivered: 0, dead: 0 }, oldestPendingAgeMs: null } },
});

/** A store whose status() takes `costMs` on a fake clock, and counts its calls. */
function slowStore(costMs: number) {
  let clock = 1_000_000;
  let calls = 0;
  return {
    now: () => clock,
    advance: (ms: number) => { clock += ms; },
    get calls() { return calls; },
    async status() {
      calls += 1;
      clock += costMs;
      return status(calls);
    },
  };
}

describe('queueSampler: bounded cost however often it is scraped', () => {
  it('one status() for concurrent scrapes, reused for maxAgeMs', async () => {
    const store = slowStore(5);
    const sampler = queueSampler(store, { maxAgeMs: 10_000, now: store.now });
    const [a, b, c] = await Promise.all([sampler.current(), sampler.current(), sampler.current()]);
    expect(store.calls).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a).toMatchObject({ durationMs: 5, status: { counts: { pending: 1 } } });
    store.advance(9_000);
    await sampler.current();
    expect(store.calls).toBe(1);
    store.advance(2_000);
    expect(await sampler.current()).toMatchObject({ status: { counts: { pending: 2 } } });
    expect(store.calls).toBe(2);
  });

  it('a slow scan is reused ten times as long as it took', async () => {
    const store = slowStore(1_600); // SQLite's full scan at 1,000,000 rows
    const sampler = queueSampler(store, { maxAgeMs: 1_000, now: store.now });
    await sampler.current();
    store.advance(15_000);
    await sampler.current();
    expect(store.calls).toBe(1);
    store.advance(1_000);
    await sampler.current();
    expect(store.calls).toBe(2);
  });

  it('a store that fails keeps the last sample and counts the error; one that hangs does not hold the scrape', async () => {
    let mode: 'ok' | 'fail' | 'hang' = 'ok';
    let clock = 0;
    const sampler = queueSampler({
      status: async () => {
        if (mode === 'fail') throw new Error('connection refused');
        if (mode === 'hang') return new Promise<OutboxStatus>(() => {});
        return status(7);
      },
    }, { maxAgeMs: 0, waitMs: 20, now: () => clock });
    const first = await sampler.current();
    mode = 'fail';
    clock += 1_000;
    expect(await sampler.current()).toBe(first);
    expect(sampler.errors).toBe(1);
    mode = 'hang';
    clock += 1_000;
    expect(await sampler.current()).toBe(first);
  });
});
