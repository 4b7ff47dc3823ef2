/**
 * The durable outbox: enqueue latency (track(), prepare included, one event per call), delivery
 * throughput through SQLite (1 worker) and PostgreSQL (3 workers) to the stand-in, and (full
 * mode) a worker process's RSS with 1,000,000 events queued during an outage.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareEvent, tiktokDestination } from '@pixelpair/server';
import { createOutbox, createPostgresStore, createSqliteStore, startWorker } from '@pixelpair/server/outbox';
import pg from 'pg';
import { int, mb, ms } from './format.mjs';
import { PIXEL_ID } from './pipelines.mjs';
import { variedRecords } from './records.mjs';
import { percentile } from './stats.mjs';
import { startStandIn } from './stand-in.mjs';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOKEN = 'bench-token';
const destination = (apiUrl) => tiktokDestination({ pixelId: PIXEL_ID, ...(apiUrl ? { apiUrl, accessToken: TOKEN } : {}) });

/** null when PostgreSQL answers, else the reason (printed in the table's notes). */
async function postgresUnavailable() {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  try { await client.connect(); await client.query('select 1'); return null; } catch (e) { return `PostgreSQL at ${new URL(DATABASE_URL).host} is not reachable (${e.code ?? e.message})`; } finally { await client.end().catch(() => {}); }
}

async function dropSchemas(schemas) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await client.end();
}

/** Distinct prepared events cheaply: a few real prepareEvent results, then only the event id differs. */
function* manyPrepared(count, prefix) {
  const templates = variedRecords(50, 21).map((r) => prepareEvent({ ...r.envelope, eventTime: Math.floor(Date.now() / 1000) - 60 }, { pixelId: PIXEL_ID })).filter((r) => r.ok).map((r) => r.prepared);
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length];
    const eventId = `${prefix}_${i}`;
    const wire = { ...t.wire, event_id: eventId };
    yield { ...t, eventId, wire, wireJson: JSON.stringify(wire) };
  }
}

async function fill(store, count, prefix, chunk = 5000) {
  let page = [];
  for (const p of manyPrepared(count, prefix)) {
    page.push(p);
    if (page.length === chunk) { await store.enqueue(page); page = []; }
  }
  if (page.length) await store.enqueue(page);
}

async function enqueueLatency(store, count) {
  const outbox = createOutbox({ store, destinations: [destination()] });
  const envelopes = variedRecords(count + 200, 22).map((r) => r.envelope);
  for (const e of envelopes.slice(count)) await outbox.track({ ...e, eventId: `warm_${e.eventId}` });
  const times = [];
  for (const e of envelopes.slice(0, count)) {
    const t = performance.now();
    await outbox.track(e);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { events: count, p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times.at(-1) };
}

async function deliver(open, workers, count, standIn, prefix) {
  const seed = await open();
  await fill(seed, count, prefix);
  const base = await standIn.events();
  const started = performance.now();
  const running = await Promise.all(Array.from({ length: workers }, async () => {
    const store = await open();
    return { store, worker: startWorker({ store, destinations: [destination(standIn.apiUrl)] }, { concurrency: 2, idleMs: 5, timeoutMs: 10_000 }) };
  }));
  const giveUp = started + 120_000;
  while ((await standIn.events()) - base < count && performance.now() < giveUp) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;
  const delivered = (await standIn.events()) - base;
  for (const r of running) { await r.worker.close({ deadlineMs: 2000 }); await r.store.close(); }
  await seed.close();
  return { events: delivered, workers, seconds, eventsPerSecond: delivered / seconds };
}

async function outage(spec, open, queued, seconds) {
  const seed = await open();
  const t = performance.now();
  await fill(seed, queued, 'outage', 10_000);
  const fillSeconds = (performance.now() - t) / 1000;
  await seed.close();
  const standIn = await startStandIn();
  await standIn.faults({ kinds: ['http_503', 'reset', 'rate_limit'], rate: 1 });
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'outage-worker.mjs');
  const child = spawn(process.execPath, [script, spec, standIn.apiUrl, PIXEL_ID], { stdio: ['ignore', 'pipe', 'inherit'] });
  const samples = [];
  let buffer = '';
  child.stdout.on('data', (d) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const l of lines) samples.push(JSON.parse(l));
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  child.kill('SIGKILL');
  await standIn.close();
  if (samples.length === 0) throw new Error('the outage worker printed no sample');
  const rss = samples.map((s) => s.rssMb);
  return { queued, fillSeconds, seconds, rssMb: { first: rss[0], max: Math.max(...rss), last: rss.at(-1) }, failedRequests: samples.at(-1).requests };
}

export async function outboxSection({ deliver: count, enqueue, outage: queued, quick, postgresOutage = false }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-bench-outbox-'));
  const schemas = [];
  const pgReason = await postgresUnavailable();
  // CI sets PIXELPAIR_REQUIRE_POSTGRES=1: there a missing database is a failure, not a skip.
  if (pgReason && (!quick || process.env.PIXELPAIR_REQUIRE_POSTGRES === '1')) throw new Error(`${pgReason}; this run needs it (set DATABASE_URL)`);
  const schema = (name) => { const s = `pp_bench_${process.pid}_${name}`; schemas.push(s); return s; };
  const latency = [];
  const delivery = [];
  const memory = [];
  const notes = [];
  try {
    latency.push(['SQLite (synchronous=NORMAL, the default)', await enqueueLatency(createSqliteStore(path.join(dir, 'enqueue.db')), enqueue)]);
    if (!pgReason) latency.push(['PostgreSQL', await enqueueLatency(await createPostgresStore({ connectionString: DATABASE_URL, schema: schema('enqueue') }), enqueue)]);
    const standIn = await startStandIn();
    try {
      const file = path.join(dir, 'deliver.db');
      delivery.push(['SQLite, 1 worker (2 lanes)', await deliver(async () => createSqliteStore(file), 1, count, standIn, 'sq')]);
      if (!pgReason) {
        const s = schema('deliver');
        delivery.push(['PostgreSQL, 3 workers (2 lanes each)', await deliver(() => createPostgresStore({ connectionString: DATABASE_URL, schema: s, max: 3 }), 3, count, standIn, 'pg')]);
      }
    } finally { await standIn.close(); }
    if (queued > 0) {
      const file = path.join(dir, 'outage.db');
      memory.push(['SQLite', await outage(`sqlite:${file}`, async () => createSqliteStore(file), queued, 20)]);
      if (postgresOutage && !pgReason) {
        const s = schema('outage');
        memory.push(['PostgreSQL', await outage(`${DATABASE_URL}?schema=${s}`, () => createPostgresStore({ connectionString: DATABASE_URL, schema: s }), queued, 20)]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (schemas.length && !pgReason) await dropSchemas(schemas);
  }
  if (pgReason) notes.push(`PostgreSQL skipped: ${pgReason}.`);
  const sections = [
    {
      title: 'Outbox: enqueue latency (track(), prepare included, one event per call)',
      columns: ['store', 'events', 'p50', 'p99', 'max'],
      rows: latency.map(([name, r]) => [name, int(r.events), ms(r.p50), ms(r.p99), ms(r.max, 1)]),
      notes,
      data: Object.fromEntries(latency),
    },
    {
      title: 'Outbox: delivery to the stand-in',
      columns: ['store, workers', 'events', 'seconds', 'events/s'],
      rows: delivery.map(([name, r]) => [name, int(r.events), r.seconds.toFixed(2), int(r.eventsPerSecond)]),
      notes: ['Workers in the bench process (core 0), the stand-in in its own process (core 1), PostgreSQL unpinned; timed from the first worker start to the last event counted by the stand-in.', ...notes],
      data: Object.fromEntries(delivery),
    },
  ];
  if (memory.length) {
    sections.push({
      title: 'Outbox: worker RSS during an outage',
      columns: ['store', 'queued', 'fill seconds', 'window', 'RSS first', 'RSS max', 'RSS last', 'failed requests'],
      rows: memory.map(([name, r]) => [name, int(r.queued), r.fillSeconds.toFixed(1), `${r.seconds} s`, mb(r.rssMb.first), mb(r.rssMb.max), mb(r.rssMb.last), int(r.failedRequests)]),
      notes: [`A worker process delivering to a stand-in that fails every request (503, reset, 429), backoff capped at 200 ms so the queue churns.${postgresOutage ? '' : ' PostgreSQL: add --postgres-outage (filling it with 1,000,000 events adds one to two minutes).'}`],
      data: Object.fromEntries(memory),
    });
  }
  return sections;
}
