/**
 * The delivery worker: leases due events a page at a time (never the whole queue), sends
 * them with the server twin's transport, and settles each event by the classified answer.
 * Several lanes run concurrently; several workers (processes, machines) may share a store.
 */
import { randomUUID } from 'node:crypto';
import { backoffDelay } from '../delivery/backoff.js';
import type { BackoffOptions } from '../delivery/backoff.js';
import { buildRequestBodies } from '../delivery/batch.js';
import { rejectsWholeBatch } from '../delivery/classify.js';
import type { Logger } from '../delivery/logger.js';
import type { DeliveryOutcome, PreparedEvent, TikTokRequestBody, Transport } from '../types.js';
import { DEFAULT_MAX_EVENT_AGE_SEC, DEFAULT_STOP_ALERT_WINDOW_MS, expire, isTooOld, settleOutcome } from './policy.js';
import type { RetryPolicy } from './policy.js';
import type { LeasedEvent, OutboxStore, Settlement } from './store.js';

export interface OutboxAlert {
  reason: string;
  code?: number;
  message?: string;
  events: number;
}

export interface WorkerStats {
  requests: number;
  delivered: number;
  retried: number;
  dead: number;
  /** Leased events handed back unsent at shutdown. */
  returned: number;
}

export interface WorkerDeps {
  store: OutboxStore;
  transport: Transport;
  /** Default: the server twin's `buildRequestBodies` (groups by pixel id + test_event_code, ≤ 1000 each). */
  buildBodies?: (events: PreparedEvent[]) => TikTokRequestBody[];
  /** Default: the server twin's `backoffDelay` (full jitter) with `options.backoff`. */
  backoff?: (attempt: number) => number;
}

export interface WorkerOptions {
  /** Batches in flight at once. Default 1. */
  concurrency?: number;
  /** Events leased per batch, ≤ 1000. Default 1000. */
  batchSize?: number;
  /** How long a lease lasts; a crashed worker's events are due again after it. Default 60 s. */
  leaseMs?: number;
  /** Poll interval while nothing is due. Default 250 ms. */
  idleMs?: number;
  /** Same window as the server twin's `maxAgeSeconds`. Default 7 days. */
  maxEventAgeSec?: number;
  /** Token/permission errors are retried (with alerts) this long, then dead-lettered. Default 24 h. */
  stopAlertWindowMs?: number;
  /** After a token/permission error the whole worker waits at least this long. Default 5 s. */
  stopPauseMs?: number;
  /** Backoff ceilings for the default backoff. Default base 500 ms, max 30 s. */
  backoff?: BackoffOptions;
  /** Token or permission errors: rotate the token. Called at most once a minute while it lasts. */
  onAlert?: (alert: OutboxAlert) => void;
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

export function startWorker(deps: WorkerDeps, options: WorkerOptions = {}): OutboxWorker {
  const { store, transport } = deps;
  const buildBodies = deps.buildBodies ?? ((events: PreparedEvent[]) => buildRequestBodies(events));
  const backoff = deps.backoff ?? ((attempt: number) => backoffDelay(attempt, options.backoff));
  const now = options.now ?? Date.now;
  const batchSize = Math.min(Math.max(1, options.batchSize ?? 1000), 1000);
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 250;
  const owner = options.owner ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const policy: RetryPolicy = {
    maxEventAgeSec: options.maxEventAgeSec ?? DEFAULT_MAX_EVENT_AGE_SEC,
    stopAlertWindowMs: options.stopAlertWindowMs ?? DEFAULT_STOP_ALERT_WINDOW_MS,
    backoff,
  };
  const stats: WorkerStats = { requests: 0, delivered: 0, retried: 0, dead: 0, returned: 0 };
  const stopping = new AbortController(); // no new leases, wake sleepers
  const aborting = new AbortController(); // cut in-flight requests at the deadline
  let pauseUntil = 0;
  let failures = 0;
  let lastAlert = 0;

  function alert(outcome: Extract<DeliveryOutcome, { ok: false }>, events: number) {
    if (now() - lastAlert < 60_000) return;
    lastAlert = now();
    const a: OutboxAlert = { reason: outcome.reason, events };
    if (outcome.code !== undefined) a.code = outcome.code;
    if (outcome.message) a.message = outcome.message;
    options.logger?.error({ ...a }, 'pixelpair outbox: TikTok refused the token or permission; deliveries paused');
    options.onAlert?.(a);
  }

  async function sendBatch(leased: LeasedEvent[]): Promise<Settlement[]> {
    const settlements: Settlement[] = [];
    const live: LeasedEvent[] = [];
    for (const e of leased) (isTooOld(e.eventTime, now(), policy.maxEventAgeSec) ? settlements.push(expire(e, now())) : live.push(e));
    const byKey = new Map(live.map((e) => [`${e.pixelId}\u0000${e.testEventCode ?? ''}\u0000${e.event.event}\u0000${e.event.event_id}`, e]));
    const prepared = live.map((e): PreparedEvent => {
      const p: PreparedEvent = { pixelId: e.pixelId, event: e.event, warnings: [], log: { consent: { adUserData: 'unknown', adPersonalization: 'unknown' }, matchKeys: NO_KEYS } };
      if (e.testEventCode) p.testEventCode = e.testEventCode;
      return p;
    });
    // One request; a whole-batch rejection (one bad event fails them all) is split in halves
    // until the bad event stands alone, so it alone is dead-lettered.
    async function send(members: LeasedEvent[], body: TikTokRequestBody): Promise<void> {
      if (aborting.signal.aborted) {
        for (const e of members) settlements.push({ id: e.id, next: { state: 'pending', dueAt: now() } });
        stats.returned += members.length;
        return;
      }
      const outcome = await transport.post(body, aborting.signal);
      stats.requests += 1;
      if (aborting.signal.aborted && !outcome.ok) {
        // Cut by shutdown: hand the events back as they were; the next send reuses their event_ids.
        for (const e of members) settlements.push({ id: e.id, next: { state: 'pending', dueAt: now() } });
        stats.returned += members.length;
        return;
      }
      if (members.length > 1 && rejectsWholeBatch(outcome)) {
        const half = Math.ceil(members.length / 2);
        await send(members.slice(0, half), { ...body, data: body.data.slice(0, half) });
        await send(members.slice(half), { ...body, data: body.data.slice(half) });
        return;
      }
      const at = now();
      for (const e of members) settlements.push(settleOutcome(e, outcome, at, policy));
      options.logger?.info({
        events: members.length, pixel_id: body.event_source_id, ...(body.test_event_code ? { test: true } : {}),
        decision: settlements.at(-1)!.attempt!.decision, reason: settlements.at(-1)!.attempt!.reason,
        ...(outcome.code !== undefined ? { code: outcome.code } : {}), ...(outcome.requestId ? { request_id: outcome.requestId } : {}),
        latency_ms: outcome.latencyMs,
      }, 'pixelpair outbox: request');
      if (outcome.ok) failures = 0;
      else {
        if (outcome.stop) alert(outcome, members.length);
        if (outcome.retryable || outcome.stop) {
          failures += 1;
          // The whole worker slows down: an outage or a rate limit is not per batch.
          const pause = Math.max(backoff(failures), outcome.retryAfterMs ?? 0, outcome.stop ? (options.stopPauseMs ?? 5_000) : 0);
          pauseUntil = Math.max(pauseUntil, now() + pause);
        }
      }
    }

    for (const body of live.length ? buildBodies(prepared) : []) {
      const members = body.data.map((ev) => byKey.get(`${body.event_source_id}\u0000${body.test_event_code ?? ''}\u0000${ev.event}\u0000${ev.event_id}`)!);
      await send(members, body);
    }
    for (const s of settlements) {
      if (s.next.state === 'delivered') stats.delivered += 1;
      else if (s.next.state === 'dead') stats.dead += 1;
      else if (s.attempt) stats.retried += 1;
    }
    return settlements;
  }

  async function lane() {
    while (!stopping.signal.aborted) {
      const wait = pauseUntil - now();
      if (wait > 0) { await sleep(wait, stopping.signal); continue; }
      let leased: LeasedEvent[];
      try {
        leased = await store.lease({ owner, limit: batchSize, leaseMs, now: now() });
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
        await store.settle(owner, await sendBatch(leased), now());
      } catch (error) {
        // The leases run out and the events come back: nothing is lost, at worst sent twice with the same event_id.
        process.emitWarning(`pixelpair outbox: batch failed, its lease will expire and it will be retried: ${(error as Error).message}`);
        await sleep(Math.max(idleMs, 1000), stopping.signal);
      }
    }
  }

  const concurrency = Math.max(1, options.concurrency ?? 1);
  const lanes = Array.from({ length: concurrency }, () =>
    lane().catch((error: unknown) => process.emitWarning(`pixelpair outbox: worker lane stopped: ${(error as Error).message}`)),
  );

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
      return { ...stats };
    },
  };
}

const NO_KEYS = { email: false, phone: false, external_id: false, ttclid: false, ttp: false, ip_user_agent: false };
