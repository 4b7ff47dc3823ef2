/**
 * The delivery worker: for each destination, lanes that lease that destination's due events
 * a page at a time (never the whole queue), send them through the shared send-and-split step,
 * and settle each event by its outcome. Each destination has its own lanes, backoff and pause:
 * a Meta outage or a revoked Meta token never delays TikTok. Several workers (processes,
 * machines) may share a store.
 */
import { setMaxListeners } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { DestinationId } from '@pixelpair/core';
import { ConfigError } from '../config/config-error.js';
import type { AnyDestination } from '../destinations/destination.js';
import { backoffDelay, type BackoffOptions } from '../delivery/backoff.js';
import { sendersPerDestination, type HttpSender } from '../delivery/http.js';
import type { Logger } from '../delivery/logger.js';
import { needsAlert, type DeliveryOutcome } from '../delivery/outcome.js';
import { sendAndSplit } from '../delivery/send-step.js';
import { expire, isTooOld, settleOutcome, DEFAULT_STOP_ALERT_WINDOW_MS } from './policy.js';
import type { RetryPolicy } from './policy.js';
import type { LeasedEvent, OutboxStore, Settlement } from './store.js';

export interface OutboxAlert {
  destination: DestinationId;
  account: string;
  /** `stop` (token or permission: deliveries to this destination pause) or `drop` (the platform refused a payload). */
  kind: 'stop' | 'drop';
  reason: string;
  code?: number;
  subcode?: number;
  message?: string;
  events: number;
}

export interface DestinationStats {
  requests: number;
  delivered: number;
  retried: number;
  dead: number;
  /** Leased events handed back unsent at shutdown. */
  returned: number;
}

export interface WorkerStats extends DestinationStats {
  byDestination: Partial<Record<DestinationId, DestinationStats>>;
}

/** One request's result, for logs and metrics. */
export interface WorkerRequest {
  destination: DestinationId;
  account: string;
  events: number;
  outcome: DeliveryOutcome;
}

/** One batch's events after the store recorded them, for metrics: delivered, retried, dead-lettered or handed back, each with its attempt. */
export interface WorkerSettlement {
  destination: DestinationId;
  account: string;
  settlements: readonly Settlement[];
}

export interface WorkerDeps {
  store: OutboxStore;
  /** Where the queued copies go; each needs its credentials. */
  destinations: readonly AnyDestination[];
  /** Default: one keep-alive HTTP sender per destination (closed by `close()`). */
  http?: HttpSender;
  /** Default: the shared `backoffDelay` (full jitter) with `options.backoff`. */
  backoff?: (attempt: number) => number;
}

export interface WorkerOptions {
  /** Batches in flight at once, per destination. Default 1. */
  concurrency?: number;
  /** Events leased per batch. Default 1000. */
  batchSize?: number;
  /** How long a lease lasts; a crashed worker's events are due again after it. Default 60 s. */
  leaseMs?: number;
  /** Poll interval while nothing is due. Default 250 ms. */
  idleMs?: number;
  /** Override every destination's accepted window (seconds). Default: each destination's own. */
  maxEventAgeSec?: number;
  /** Token/permission errors are retried (with alerts) this long, then dead-lettered. Default 24 h. */
  stopAlertWindowMs?: number;
  /** After a token/permission error that destination waits at least this long. Default 5 s. */
  stopPauseMs?: number;
  /** Backoff ceilings for the default backoff. Default base 500 ms, max 30 s. */
  backoff?: BackoffOptions;
  /** Request timeout of the default HTTP sender. Default 10 s. */
  timeoutMs?: number;
  /** Every stop, and every drop the platform marked as a payload problem: rotate the token, fix the payload. */
  onAlert?: (alert: OutboxAlert) => void;
  /** After every request (metrics). */
  onRequest?: (request: WorkerRequest) => void;
  /** After the store recorded a batch (metrics: events by result and reason; what a request alone cannot tell, like `too_old`). */
  onSettle?: (settled: WorkerSettlement) => void;
  /** pino-compatible: one info line per request (events, decision, code, request_id), errors for alerts. */
  logger?: Logger;
  /** Name in lease_owner, for operators. Default `pid-random`. */
  owner?: string;
  now?: () => number;
}

export interface OutboxWorker {
  readonly stats: WorkerStats;
  /** Stops taking work, finishes or returns in-flight batches, resolves within `deadlineMs` (default 10 s). */
  close(options?: { deadlineMs?: number }): Promise<WorkerStats>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

const emptyStats = (): DestinationStats => ({ requests: 0, delivered: 0, retried: 0, dead: 0, returned: 0 });

export function startWorker(deps: WorkerDeps, options: WorkerOptions = {}): OutboxWorker {
  const { store } = deps;
  if (!Array.isArray(deps.destinations) || deps.destinations.length === 0) throw new ConfigError('destinations', 'the outbox worker needs at least one destination');
  for (const d of deps.destinations) if (!d.canSend) throw new ConfigError('destinations', `the ${d.id} destination has no credentials to send with (its access token is missing)`);
  const own = sendersPerDestination({ timeoutMs: options.timeoutMs, connections: Math.max(2, options.concurrency ?? 1) });
  const backoff = deps.backoff ?? ((attempt: number) => backoffDelay(attempt, options.backoff));
  const now = options.now ?? Date.now;
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 250;
  const owner = options.owner ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const stats: WorkerStats = { ...emptyStats(), byDestination: {} };
  const stopping = new AbortController(); // no new leases, wake sleepers
  const aborting = new AbortController(); // cut in-flight requests at the deadline
  // Every lane's sleep and request listens to these two: many lanes are expected, not a leak.
  setMaxListeners(0, stopping.signal, aborting.signal);

  function worker(destination: AnyDestination) {
    const http = deps.http ?? own.for(destination.id);
    const mine = (stats.byDestination[destination.id] ??= emptyStats());
    const count = (key: keyof DestinationStats, n = 1) => { mine[key] += n; stats[key] += n; };
    const policy: RetryPolicy = {
      maxEventAgeSec: options.maxEventAgeSec ?? destination.maxAgeSeconds,
      stopAlertWindowMs: options.stopAlertWindowMs ?? DEFAULT_STOP_ALERT_WINDOW_MS,
      backoff,
    };
    const names = { destination: destination.id, account: destination.account, ...(destination.id === 'google' ? {} : { pixel_id: destination.account }) };
    let pauseUntil = 0;
    let failures = 0;

    function alert(outcome: DeliveryOutcome, events: number) {
      if (outcome.kind !== 'stop' && outcome.kind !== 'drop') return;
      const a: OutboxAlert = { destination: destination.id, account: destination.account, kind: outcome.kind, reason: outcome.reason, events };
      if (outcome.code !== undefined) a.code = outcome.code;
      if (outcome.subcode !== undefined) a.subcode = outcome.subcode;
      if (outcome.message) a.message = outcome.message;
      options.logger?.error({ ...a, alert: true }, outcome.kind === 'stop'
        ? `pixelpair outbox: ${destination.id} refused the token or permission; deliveries to it paused`
        : `pixelpair outbox: ${destination.id} refused a payload; the events are dead-lettered`);
      options.onAlert?.(a);
    }

    async function sendBatch(leased: LeasedEvent[]): Promise<Settlement[]> {
      const settlements: Settlement[] = [];
      const batches = new Map<string, LeasedEvent[]>();
      for (const e of leased) {
        if (isTooOld(e.eventTime, now(), policy.maxEventAgeSec)) settlements.push(expire(e, now()));
        else {
          const list = batches.get(e.batch);
          if (list) list.push(e);
          else batches.set(e.batch, [e]);
        }
      }
      const returnAll = (events: LeasedEvent[]) => {
        for (const e of events) settlements.push({ id: e.id, next: { state: 'pending', dueAt: now() } });
        count('returned', events.length);
      };
      for (const [batch, events] of batches) {
        for (let i = 0; i < events.length; i += destination.maxEventsPerRequest) {
          const chunk = events.slice(i, i + destination.maxEventsPerRequest);
          if (aborting.signal.aborted) { returnAll(chunk); continue; }
          const groups = await sendAndSplit(destination, http, batch, chunk, {
            signal: aborting.signal,
            now,
            onRequest: ({ items, outcome }) => {
              count('requests');
              options.onRequest?.({ destination: destination.id, account: destination.account, events: items.length, outcome });
              options.logger?.info({
                ...names, events: items.length, ...(batch ? { batch } : {}), decision: outcome.kind, reason: outcome.reason,
                ...(outcome.code !== undefined ? { code: outcome.code } : {}), ...(outcome.subcode !== undefined ? { subcode: outcome.subcode } : {}),
                ...(outcome.requestId ? { request_id: outcome.requestId } : {}), ...(needsAlert(outcome) ? { alert: true } : {}),
                latency_ms: outcome.latencyMs,
              }, 'pixelpair outbox: request');
            },
          });
          for (const { items, outcome } of groups) {
            // Cut by shutdown: hand the events back as they were; the next send reuses their event ids.
            if (aborting.signal.aborted && outcome.kind !== 'delivered') { returnAll(items); continue; }
            const at = now();
            for (const e of items) settlements.push(settleOutcome(e, outcome, at, policy));
            if (needsAlert(outcome)) alert(outcome, items.length);
            if (outcome.kind === 'delivered') failures = 0;
            else if (outcome.kind === 'retry' || outcome.kind === 'stop') {
              failures += 1;
              // This destination slows down: an outage or a rate limit is not per batch.
              const pause = Math.max(backoff(failures), outcome.kind === 'retry' ? (outcome.retryAfterMs ?? 0) : options.stopPauseMs ?? 5_000);
              pauseUntil = Math.max(pauseUntil, now() + pause);
            }
          }
        }
      }
      for (const s of settlements) {
        if (s.next.state === 'delivered') count('delivered');
        else if (s.next.state === 'dead') count('dead');
        else if (s.attempt) count('retried');
      }
      return settlements;
    }

    return async function lane() {
      while (!stopping.signal.aborted) {
        const wait = pauseUntil - now();
        if (wait > 0) { await sleep(wait, stopping.signal); continue; }
        let leased: LeasedEvent[];
        try {
          leased = await store.lease({ destination: destination.id, account: destination.account, owner, limit: batchSize, leaseMs, now: now() });
        } catch (error) {
          // A store hiccup (busy file, lost connection) must not kill the worker: try again shortly.
          process.emitWarning(`pixelpair outbox: lease failed: ${(error as Error).message}`);
          await sleep(Math.max(idleMs, 1000), stopping.signal);
          continue;
        }
        if (leased.length === 0) {
          await sleep(idleMs, stopping.signal);
          continue;
        }
        try {
          const settlements = await sendBatch(leased);
          const lease = leased[0]!.lease; // one lease() call, one lease
          if (lease !== undefined) for (const s of settlements) s.lease = lease;
          await store.settle(owner, settlements, now());
          options.onSettle?.({ destination: destination.id, account: destination.account, settlements });
        } catch (error) {
          // The leases run out and the events come back: nothing is lost, at worst sent twice with the same event id.
          process.emitWarning(`pixelpair outbox: batch failed, its lease will expire and it will be retried: ${(error as Error).message}`);
          await sleep(Math.max(idleMs, 1000), stopping.signal);
        }
      }
    };
  }

  const concurrency = Math.max(1, options.concurrency ?? 1);
  const lanes = deps.destinations.flatMap((d) => {
    const lane = worker(d);
    return Array.from({ length: concurrency }, () =>
      lane().catch((error: unknown) => process.emitWarning(`pixelpair outbox: ${d.id} worker lane stopped: ${(error as Error).message}`)),
    );
  });

  return {
    stats,
    async close({ deadlineMs = 10_000 } = {}) {
      const started = Date.now(); // the deadline is wall-clock time, whatever clock the policy uses
      stopping.abort();
      const all = Promise.all(lanes);
      // Leave part of the deadline to hand cut batches back to the store.
      const grace = Math.max(0, deadlineMs - Math.min(1_000, deadlineMs * 0.3));
      const finished = await Promise.race([all.then(() => true), new Promise<false>((r) => setTimeout(r, grace, false).unref())]);
      if (!finished) {
        aborting.abort();
        const left = Math.max(0, deadlineMs - (Date.now() - started));
        await Promise.race([all, new Promise((r) => setTimeout(r, left).unref())]);
      }
      await own.close();
      return { ...stats, byDestination: { ...stats.byDestination } };
    },
  };
}
