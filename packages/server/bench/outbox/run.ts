/**
 * Outbox benchmarks (not part of `pnpm test`): `pnpm --filter @pixelpair/server bench:outbox [sections]`
 * with sections among enqueue, sqlite, postgres, outage, outage-postgres (default: all).
 * Targets (issue 5): enqueue p99 ≤ 1 ms on SQLite; ≥ 20,000 events/s delivered through SQLite
 * and through PostgreSQL with 3 workers; worker RSS < 200 MB with 1,000,000 queued during an outage.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@pixelpair/emulator';
import pg from 'pg';
import { tiktokDestination } from '../../src/destinations/tiktok/tiktok.js';
import { prepareEvent } from '../../src/prepare.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createPostgresStore } from '../../src/outbox/postgres-store.js';
import { createSqliteStore } from '../../src/outbox/sqlite-store.js';
import type { OutboxStore } from '../../src/outbox/store.js';
import { PIXEL, TOKEN, envelope, fill } from '../../test-support/outbox/fixtures.js';
import { startWorker } from '../../src/outbox/worker.js';
import { startThinStandIn } from './stand-in.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sections = process.argv.slice(2);
const wants = (s: string) => sections.length === 0 || sections.includes(s);
const dir = mkdtempSync(path.join(tmpdir(), 'pp-bench-'));
const results: Record<string, unknown> = {};
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

async function enqueueLatency(synchronous: 'full' | 'normal') {
  const store = createSqliteStore(path.join(dir, `enqueue-${synchronous}.db`), { synchronous });
  const outbox = createOutbox({ store, destinations: [tiktokDestination({ pixelId: PIXEL })] });
  const N = 5_000;
  const track: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < 500; i++) await outbox.track(envelope(1e7 + i)); // warm-up
  for (let i = 0; i < N; i++) {
    const env = envelope(i);
    const t = process.hrtime.bigint();
    await outbox.track(env);
    track.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  // The store alone (what the durability costs), with events prepared beforehand.
  const ready = Array.from({ length: N }, (_, i) => {
    const r = prepareEvent(envelope(2e7 + i), { pixelId: PIXEL });
    if (!r.ok) throw new Error('bench fixture rejected');
    return r.prepared;
  });
  for (const p of ready) {
    const t = process.hrtime.bigint();
    await store.enqueue([p]);
    raw.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  track.sort((a, b) => a - b);
  raw.sort((a, b) => a - b);
  results[`enqueueSqlite_${synchronous}`] = {
    events: N,
    trackMs: { p50: round(pct(track, 0.5)), p99: round(pct(track, 0.99)), max: round(track.at(-1)!) },
    storeOnlyMs: { p50: round(pct(raw, 0.5)), p99: round(pct(raw, 0.99)), max: round(raw.at(-1)!) },
  };
  await store.close();
}

async function deliver(label: string, open: () => Promise<OutboxStore>, workers: number, count: number, apiUrl: string, accepted: () => number | Promise<number>) {
  const seed = await open();
  await fill(seed, count, `${label}`);
  const started = performance.now();
  const base = await accepted();
  const running = await Promise.all(Array.from({ length: workers }, async () => {
    const store = await open();
    return { store, worker: startWorker({ store, destinations: [tiktokDestination({ pixelId: PIXEL, apiUrl, accessToken: TOKEN })] }, { concurrency: 2, idleMs: 5, timeoutMs: 10_000 }) };
  }));
  const giveUp = started + 180_000;
  while ((await accepted()) - base < count) {
    if (performance.now() > giveUp) throw new Error(`${label}: not all events delivered within 180 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const r of running) { await r.worker.close({ deadlineMs: 2000 }); await r.store.close(); }
  await seed.close();
  return { events: count, workers, seconds: round(seconds, 2), eventsPerSecond: Math.round(count / seconds) };
}

/** Same as deliver(), with each worker in its own process (the way several instances run). */
async function deliverProcesses(label: string, spec: string, open: () => Promise<OutboxStore>, workers: number, count: number, apiUrl: string, accepted: () => Promise<number>) {
  const seed = await open();
  await fill(seed, count, label);
  await seed.close();
  const base = await accepted();
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker-child.js');
  const started = performance.now();
  const children = Array.from({ length: workers }, () => spawn(process.execPath, [script, spec, apiUrl], { stdio: ['ignore', 'ignore', 'inherit'] }));
  const giveUp = started + 180_000;
  while ((await accepted()) - base < count) {
    if (performance.now() > giveUp) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const delivered = (await accepted()) - base;
  await Promise.all(children.map((c) => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); })));
  return { events: delivered, workers, processes: true, seconds: round(seconds, 2), eventsPerSecond: Math.round(delivered / seconds) };
}

async function deliveryRuns(kind: 'sqlite' | 'postgres') {
  const thin = await startThinStandIn();
  const emulator = await startEmulator({ detailLimit: 0 });
  const out: Record<string, unknown> = {};
  const schemas: string[] = [];
  let n = 0;
  const open = kind === 'sqlite'
    ? () => { const file = path.join(dir, `deliver-${n}.db`); return async () => createSqliteStore(file); }
    : () => { const schema = `pp_bench_${process.pid}_${n}`; schemas.push(schema); return () => createPostgresStore({ connectionString: DATABASE_URL, schema, max: 3 }); };
  const workers = kind === 'sqlite' ? [1, 3] : [3];
  if (kind === 'postgres') {
    n += 1;
    const schema = `pp_bench_${process.pid}_${n}`;
    schemas.push(schema);
    out.thinStandIn_3processes = await deliverProcesses('proc', `${DATABASE_URL}?schema=${schema}`, () => createPostgresStore({ connectionString: DATABASE_URL, schema }), 3, 200_000, thin.apiUrl, thin.events);
  } else {
    n += 1;
    const file = path.join(dir, `deliver-${n}.db`);
    out.thinStandIn_3processes = await deliverProcesses('proc', `sqlite:${file}`, async () => createSqliteStore(file), 3, 200_000, thin.apiUrl, thin.events);
  }
  for (const w of workers) {
    n += 1;
    out[`thinStandIn_${w}w`] = await deliver(`thin${w}`, open(), w, 200_000, thin.apiUrl, thin.events);
    n += 1;
    out[`emulator_${w}w`] = await deliver(`emu${w}`, open(), w, 100_000, emulator.apiUrl, () => emulator.records({ summary: true }).totals.uniqueKeys);
  }
  await thin.close();
  await emulator.close();
  if (schemas.length) {
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await c.end();
  }
  results[`deliver_${kind}`] = out;
}

async function outage(kind: 'sqlite' | 'postgres') {
  const file = path.join(dir, 'outage.db');
  const schema = `pp_bench_outage_${process.pid}`;
  const spec = kind === 'sqlite' ? `sqlite:${file}` : `${DATABASE_URL}?schema=${schema}`;
  const seed = kind === 'sqlite' ? createSqliteStore(file, { synchronous: 'normal' }) : await createPostgresStore({ connectionString: DATABASE_URL, schema });
  const t = performance.now();
  await fill(seed, 1_000_000, 'outage', 10_000);
  const fillSeconds = round((performance.now() - t) / 1000, 1);
  await seed.close();
  const emulator = await startEmulator({ detailLimit: 0 });
  emulator.faults.set({ kinds: ['http_503', 'reset', 'rate_limit'], rate: 1 });
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'outage-child.js');
  const child = spawn(process.execPath, [script, spec, emulator.apiUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: { rssMb: number; requests: number; retried: number }[] = [];
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const p of parts) samples.push(JSON.parse(p));
  });
  const seconds = Number(process.env.OUTAGE_SECONDS ?? 60);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  child.kill('SIGKILL');
  await emulator.close();
  const rss = samples.map((s) => s.rssMb);
  const last = samples.at(-1)!;
  if (kind === 'postgres') {
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
  results[`outage_${kind}`] = {
    queued: 1_000_000, fillSeconds, seconds, samples: samples.length,
    rssMb: { first: round(rss[0]!, 1), max: round(Math.max(...rss), 1), last: round(rss.at(-1)!, 1) },
    failedRequests: last.requests, eventsRescheduled: last.retried,
  };
}

try {
  if (wants('enqueue')) { await enqueueLatency('full'); await enqueueLatency('normal'); }
  if (wants('sqlite')) await deliveryRuns('sqlite');
  if (wants('postgres')) await deliveryRuns('postgres');
  if (wants('outage')) await outage('sqlite');
  if (wants('outage-postgres')) await outage('postgres');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(results, null, 2));
