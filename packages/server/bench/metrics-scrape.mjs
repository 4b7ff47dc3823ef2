// pnpm bench:metrics [sqlite|postgres] [count]: what a /metrics scrape costs with a large queue
// (not part of pnpm test). Needs a build (the script runs tsc first). The baseline is the same
// scrape against an empty store, measured in the same run: this machine is shared and noisy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { prepareEvent } from '../dist/index.js';
import { createWorkerMetrics, startMetricsServer } from '../dist/metrics/index.js';
import { createPostgresStore, createSqliteStore } from '../dist/outbox/index.js';

const kinds = process.argv[2] ? [process.argv[2]] : ['sqlite', 'postgres'];
const count = Number(process.argv[3] ?? 1_000_000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function* events(n) {
  const r = prepareEvent({
    event: 'Purchase', eventId: 'ord_0', eventTime: Math.floor(Date.now() / 1000) - 60,
    user: { email: 'buyer@example.com', ip: '203.0.113.7', userAgent: 'Mozilla/5.0' },
    properties: { value: 10, currency: 'EUR', contents: [{ contentId: 'sku_1', quantity: 1 }] },
    consent: { adUserData: 'granted', adPersonalization: 'granted' },
  }, { pixelId: 'CBENCHPIXEL00001' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  for (let i = 0; i < n; i++) {
    const eventId = `ord_${i}_purchase`;
    const wire = { ...r.prepared.wire, event_id: eventId };
    yield { ...r.prepared, eventId, wire, wireJson: JSON.stringify(wire) };
  }
}

async function fill(store, n) {
  let page = [];
  for (const e of events(n)) {
    page.push(e);
    if (page.length === 10_000) { await store.enqueue(page); page = []; }
  }
  if (page.length) await store.enqueue(page);
}

/** Scrapes over HTTP: `due` scrapes take a fresh sample (status() inside), cached ones reuse it. */
async function measure(store) {
  let clock = Date.now();
  const metrics = await createWorkerMetrics({ store, destinations: [{ id: 'tiktok', account: 'CBENCHPIXEL00001' }], queue: { now: () => clock } });
  const server = await startMetricsServer({ metrics, port: 0 });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const scrape = async () => {
    const t = performance.now();
    const text = await (await fetch(server.url)).text();
    return { ms: performance.now() - t, bytes: text.length };
  };
  for (let i = 0; i < 5; i++) await scrape(); // warm-up (the first one samples the store)
  const status = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await store.status(Date.now());
    status.push(performance.now() - t);
  }
  const due = [];
  const cached = [];
  let bytes = 0;
  lag.enable();
  for (let i = 0; i < 3; i++) {
    clock += 3_600_000; // past any reuse window: this scrape samples the store
    const s = await scrape();
    due.push(s.ms);
    bytes = s.bytes;
    for (let j = 0; j < 10; j++) cached.push((await scrape()).ms);
  }
  lag.disable();
  await server.close();
  return {
    statusMs: round(median(status)), dueScrapeMs: round(median(due)), cachedScrapeMs: round(median(cached), 2),
    maxEventLoopStallMs: round(lag.max / 1e6), bytes,
  };
}

async function open(kind, dir, tag) {
  if (kind === 'sqlite') return { store: createSqliteStore(path.join(dir, `${tag}.db`)), drop: async () => {} };
  const schema = `pp_bench_metrics_${tag}_${process.pid}`;
  const store = await createPostgresStore({ connectionString: DATABASE_URL, schema });
  return {
    store,
    drop: async () => {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

console.log(`node ${process.version}, ${count.toLocaleString('en-US')} queued`);
const dir = mkdtempSync(path.join(tmpdir(), 'pp-bench-metrics-'));
const results = {};
try {
  for (const kind of kinds) {
    const empty = await open(kind, dir, 'empty');
    await fill(empty.store, 1);
    await measure(empty.store); // warm-up: the first measurement also pays for JIT and imports
    const baseline = await measure(empty.store);
    await empty.store.close();
    await empty.drop();

    const big = await open(kind, dir, 'big');
    const t = performance.now();
    await fill(big.store, count);
    const fillSeconds = round((performance.now() - t) / 1000);
    const queued = await measure(big.store);
    await big.store.close();
    await big.drop();
    results[kind] = { fillSeconds, baseline, queued, dueVsBaseline: round(queued.dueScrapeMs / baseline.dueScrapeMs), cachedVsBaseline: round(queued.cachedScrapeMs / baseline.cachedScrapeMs, 2) };
    console.log(kind, JSON.stringify(results[kind]));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
