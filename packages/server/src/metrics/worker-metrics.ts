/**
 * Prometheus metrics for the outbox worker, in process or standalone. `createWorkerMetrics`
 * returns the hooks to hand to `startWorker` and the text a scrape gets. prom-client is
 * loaded here, on first use, so an app that never asks for metrics never loads it.
 *
 * Counters come from the worker's hooks (what this process did); the queue gauges come from
 * `store.status()` (what the store holds, shared by every worker on it), sampled on scrape.
 */
import type { DestinationId } from '@pixelpair/core';
import type { Registry } from 'prom-client';
import type { OutboxAlert, WorkerRequest, WorkerSettlement } from '../outbox/worker.js';
import { OUTBOX_STATES, type OutboxStore } from '../outbox/store.js';
import { DEAD_REASONS, accountLabel, reasonLabel, settledAs } from './labels.js';
import { queueSampler, type QueueSampler, type QueueSamplerOptions } from './queue-sampler.js';

export interface WorkerMetricsOptions {
  /** The store the worker delivers from: the queue gauges sample its `status()`. */
  store: Pick<OutboxStore, 'status'>;
  /**
   * The worker's destinations (`{ id, account }` is enough): their dead-letter counters start
   * at 0, so an alert on `increase(...)` sees the very first dead letter.
   */
  destinations?: ReadonlyArray<{ id: DestinationId; account: string }>;
  /** Default: a registry of its own. Pass prom-client's global `register` to serve these with your app's metrics. */
  register?: Registry;
  /** Also collect prom-client's process and Node.js metrics (memory, CPU, event loop lag). Default false. */
  processMetrics?: boolean;
  /**
   * How the queue gauges are sampled (see `queueSampler`), or false for none: each sample scans
   * the events table, which in SQLite holds the process for the scan (seconds at 1,000,000
   * rows). In a latency-sensitive app process, leave the gauges to one standalone worker.
   */
  queue?: QueueSamplerOptions | false;
}

export interface WorkerHooks {
  onRequest: (request: WorkerRequest) => void;
  onSettle: (settled: WorkerSettlement) => void;
  onAlert: (alert: OutboxAlert) => void;
}

export interface WorkerMetrics {
  /** Spread into `startWorker`'s options: `startWorker(deps, { ...options, ...metrics.hooks })`. */
  hooks: WorkerHooks;
  /** The text exposition a scrape gets. */
  metrics(): Promise<string>;
  /** The Content-Type that goes with it. */
  contentType: string;
  register: Registry;
}

/** Request latency buckets (seconds): the platforms answer in tens of ms; the default timeout is 10 s. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export async function createWorkerMetrics(options: WorkerMetricsOptions): Promise<WorkerMetrics> {
  const prom = await import('prom-client');
  const register = options.register ?? new prom.Registry();
  const registers = [register];
  const by = ['destination', 'account', 'reason'] as const;

  const delivered = new prom.Counter({ name: 'pixelpair_events_delivered_total', help: 'Events the destination accepted, by reason (ok, or the accepting code).', labelNames: by, registers });
  const retried = new prom.Counter({ name: 'pixelpair_events_retried_total', help: 'Events rescheduled for another try, by the reason of the failed try.', labelNames: by, registers });
  const dead = new prom.Counter({ name: 'pixelpair_events_dead_total', help: 'Events dead-lettered, by the reason (the refusing answer, or too_old when they left the accepted window).', labelNames: by, registers });
  const returned = new prom.Counter({ name: 'pixelpair_events_returned_total', help: 'Leased events handed back unsent at shutdown.', labelNames: ['destination', 'account'], registers });
  const requests = new prom.Counter({ name: 'pixelpair_requests_total', help: 'Requests to a destination, by outcome kind (delivered, retry, drop, stop).', labelNames: ['destination', 'account', 'kind'], registers });
  const latency = new prom.Histogram({ name: 'pixelpair_request_duration_seconds', help: 'Request latency, from sending to the classified answer.', labelNames: ['destination', 'account'], buckets: LATENCY_BUCKETS, registers });
  const alerts = new prom.Counter({ name: 'pixelpair_alerts_total', help: 'Alerts raised: stop (token or permission refused, deliveries paused) or drop (a payload the platform refused).', labelNames: ['destination', 'account', 'kind', 'reason'], registers });

  if (options.queue !== false) queueGauges(prom, registers, queueSampler(options.store, options.queue));
  if (options.processMetrics) prom.collectDefaultMetrics({ register });

  const seen = new Set<string>();
  const start = (destination: string, account: string) => {
    const key = `${destination}\n${account}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const reason of DEAD_REASONS) dead.inc({ destination, account, reason }, 0);
  };
  for (const d of options.destinations ?? []) start(d.id, accountLabel(d.account));

  // A metrics bug must never stop deliveries: the hooks swallow their own errors.
  const safe = <T>(fn: (value: T) => void) => (value: T) => {
    try { fn(value); } catch (error) { process.emitWarning(`pixelpair metrics: ${(error as Error).message}`); }
  };
  const hooks: WorkerHooks = {
    onRequest: safe(({ destination, account, outcome }) => {
      const labels = { destination, account: accountLabel(account) };
      start(labels.destination, labels.account);
      requests.inc({ ...labels, kind: outcome.kind });
      latency.observe(labels, outcome.latencyMs / 1000);
    }),
    onSettle: safe(({ destination, account, settlements }) => {
      const labels = { destination, account: accountLabel(account) };
      start(labels.destination, labels.account);
      const counts = new Map<string, number>(); // result + reason → events, so a batch of 1000 is a few increments
      for (const s of settlements) {
        const { result, reason } = settledAs(s);
        const key = `${result}\n${reason}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [key, n] of counts) {
        const [result, reason] = key.split('\n') as [string, string];
        if (result === 'returned') returned.inc(labels, n);
        else (result === 'delivered' ? delivered : result === 'dead' ? dead : retried).inc({ ...labels, reason }, n);
      }
    }),
    onAlert: safe(({ destination, account, kind, reason }) => {
      alerts.inc({ destination, account: accountLabel(account), kind, reason: reasonLabel(reason) });
    }),
  };

  return { hooks, metrics: () => register.metrics(), contentType: register.contentType, register };
}

/** The queue gauges: what the store holds, read from one shared sample per scrape. */
function queueGauges(prom: typeof import('prom-client'), registers: Registry[], sampler: QueueSampler) {
  const queue = new prom.Gauge({
    name: 'pixelpair_outbox_events', help: 'Events in the outbox store, by destination and state (sampled from the store, shared by every worker on it).', labelNames: ['destination', 'state'], registers,
    async collect() {
      const sample = await sampler.current();
      if (!sample) return;
      queue.reset();
      for (const [destination, q] of Object.entries(sample.status.destinations)) {
        for (const state of OUTBOX_STATES) queue.set({ destination, state }, q?.counts[state] ?? 0);
      }
    },
  });
  const oldest = new prom.Gauge({
    name: 'pixelpair_outbox_oldest_pending_age_seconds', help: 'Age of the oldest event not yet delivered or dead-lettered, by destination (0 when none waits).', labelNames: ['destination'], registers,
    async collect() {
      const sample = await sampler.current();
      if (!sample) return;
      oldest.reset();
      for (const [destination, q] of Object.entries(sample.status.destinations)) oldest.set({ destination }, (q?.oldestPendingAgeMs ?? 0) / 1000);
    },
  });
  const sampledAt = new prom.Gauge({
    name: 'pixelpair_outbox_status_timestamp_seconds', help: 'When the queue gauges were last sampled from the store (Unix seconds): a stale value means the store did not answer.', registers,
    async collect() {
      const sample = await sampler.current();
      if (sample) sampledAt.set(sample.at / 1000);
    },
  });
  const sampleCost = new prom.Gauge({
    name: 'pixelpair_outbox_status_duration_seconds', help: 'How long the last sample of the store took (a full scan of the events table).', registers,
    async collect() {
      const sample = await sampler.current();
      if (sample) sampleCost.set(sample.durationMs / 1000);
    },
  });
  const sampleErrors = new prom.Counter({
    name: 'pixelpair_outbox_status_errors_total', help: 'Samples of the store that failed.', registers,
    collect() { sampleErrors.reset(); sampleErrors.inc(sampler.errors); },
  });
}
