/**
 * Row ↔ value mapping shared by the SQL stores, so SQLite and PostgreSQL read and write the
 * same columns the same way. Times are integer milliseconds; `event_time` is Unix seconds.
 * `wire` holds the prepared wire event's JSON as it will be sent: a worker joins these into
 * a request body without parsing them.
 */
import type { DestinationId } from '@pixelpair/core';
import type { PreparedEvent } from '../destinations/destination.js';
import type { AttemptEntry, EventHistory, LeasedEvent, NextState, OutboxState, Settlement } from './store.js';

export const EVENTS_TABLE = 'pixelpair_outbox_events';
export const ATTEMPTS_TABLE = 'pixelpair_outbox_attempts';

/** Columns a worker needs from a leased row. */
export const LEASE_COLUMNS = 'id, destination, account, batch, event_time, wire, attempts, stop_since';

export interface InsertRow {
  destination: DestinationId;
  account: string;
  event: string;
  event_id: string;
  batch: string;
  event_time: number;
  wire: string;
  log: string;
}

export function toInsertRow(p: PreparedEvent): InsertRow {
  return {
    destination: p.destination,
    account: p.account,
    event: p.event,
    event_id: p.eventId,
    batch: p.batch,
    event_time: p.eventTime,
    wire: p.wireJson,
    log: JSON.stringify(p.log),
  };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : num(v));
const optStr = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

export function fromLeaseRow(r: Record<string, unknown>): LeasedEvent {
  const leased: LeasedEvent = {
    id: num(r.id),
    destination: String(r.destination) as DestinationId,
    account: String(r.account),
    batch: String(r.batch ?? ''),
    wireJson: String(r.wire),
    eventTime: num(r.event_time),
    attempts: num(r.attempts),
  };
  const stopSince = optNum(r.stop_since);
  if (stopSince !== undefined) leased.stopSince = stopSince;
  return leased;
}

/** The column values a settlement writes. */
export function settleValues(next: NextState, now: number) {
  return {
    state: next.state,
    due_at: next.state === 'pending' ? next.dueAt : now,
    stop_since: next.state === 'pending' ? (next.stopSince ?? null) : null,
    last_error: next.state === 'pending' ? (next.lastError ?? null) : null,
    dead_reason: next.state === 'dead' ? next.reason : null,
    delivered_at: next.state === 'delivered' ? now : null,
  };
}

export function attemptValues(a: AttemptEntry) {
  return {
    at: a.at,
    decision: a.decision,
    reason: a.reason,
    alert: a.alert ? 1 : 0,
    code: a.code ?? null,
    subcode: a.subcode ?? null,
    http_status: a.httpStatus ?? null,
    request_id: a.requestId ?? null,
    latency_ms: a.latencyMs === undefined ? null : Math.round(a.latencyMs),
    message: a.message ?? null,
  };
}

export function fromAttemptRow(r: Record<string, unknown>): AttemptEntry {
  const entry: AttemptEntry = { at: num(r.at), decision: r.decision as AttemptEntry['decision'], reason: String(r.reason) };
  if (num(r.alert) === 1) entry.alert = true;
  const code = optNum(r.code);
  if (code !== undefined) entry.code = code;
  const subcode = optNum(r.subcode);
  if (subcode !== undefined) entry.subcode = subcode;
  const http = optNum(r.http_status);
  if (http !== undefined) entry.httpStatus = http;
  const requestId = optStr(r.request_id);
  if (requestId) entry.requestId = requestId;
  const latency = optNum(r.latency_ms);
  if (latency !== undefined) entry.latencyMs = latency;
  const message = optStr(r.message);
  if (message) entry.message = message;
  return entry;
}

export function fromHistoryRow(r: Record<string, unknown>, history: AttemptEntry[]): EventHistory {
  const h: EventHistory = {
    destination: String(r.destination) as DestinationId,
    account: String(r.account),
    event: String(r.event),
    eventId: String(r.event_id),
    batch: String(r.batch ?? ''),
    eventTime: num(r.event_time),
    state: r.state as OutboxState,
    attempts: num(r.attempts),
    enqueuedAt: num(r.created_at),
    log: JSON.parse(String(r.log)),
    history,
  };
  const delivered = optNum(r.delivered_at);
  if (delivered !== undefined) h.deliveredAt = delivered;
  const dead = optStr(r.dead_reason);
  if (dead) h.deadReason = dead;
  const lastError = optStr(r.last_error);
  if (lastError) h.lastError = lastError;
  return h;
}

export type AttemptValues = ReturnType<typeof attemptValues>;
export type SettleValues = ReturnType<typeof settleValues> & { inc: number };

/**
 * Events answered by one request share one attempt and usually one next state, so a store
 * writes one statement per group (a delivered batch of 1000 is two statements, not 2000).
 */
export function groupSettlements(settlements: readonly Settlement[], now: number) {
  const attempts = new Map<string, { values: AttemptValues; ids: number[] }>();
  const updates = new Map<string, { values: SettleValues; ids: number[] }>();
  const add = <V>(groups: Map<string, { values: V; ids: number[] }>, values: V, id: number) => {
    const key = JSON.stringify(values);
    const group = groups.get(key);
    if (group) group.ids.push(id);
    else groups.set(key, { values, ids: [id] });
  };
  for (const s of settlements) {
    if (s.attempt) add(attempts, attemptValues(s.attempt), s.id);
    // an expiry is recorded in the log but is not a send attempt
    const inc = s.attempt && s.attempt.decision !== 'expired' ? 1 : 0;
    add(updates, { inc, ...settleValues(s.next, now) }, s.id);
  }
  return { attempts: [...attempts.values()], updates: [...updates.values()] };
}

/**
 * The v1 tables (TikTok only: pixel_id, test_event_code, unique on pixel id + event +
 * event_id) become v2 (destination, account, batch, unique on the dedup key). Rows keep their
 * ids, so their attempt history stays attached. The SQL is shared by both stores.
 */
export const V1_COPY_COLUMNS = {
  into: 'id, destination, account, event, event_id, batch, event_time, wire, log, state, attempts, due_at, lease_owner, stop_since, last_error, dead_reason, created_at, updated_at, delivered_at',
  from: "id, 'tiktok', pixel_id, event, event_id, test_event_code, event_time, wire, log, state, attempts, due_at, lease_owner, stop_since, last_error, dead_reason, created_at, updated_at, delivered_at",
};
