/**
 * What the outbox does with one event after one outcome: delivered, try again later (inside
 * the destination's accepted window), or dead-letter it with the reason. Pure, so every
 * branch is tested. The outcome's kind is the attempt's decision in the log, unchanged.
 */
import { describeOutcome, needsAlert, type DeliveryOutcome } from '../delivery/outcome.js';
import type { AttemptEntry, LeasedEvent, Settlement } from './store.js';

export interface RetryPolicy {
  /** Events whose event_time is older than this are no longer accepted by the destination. */
  maxEventAgeSec: number;
  /** How long token/permission errors are retried (and alerted) before events are dead-lettered. Default 24 h. */
  stopAlertWindowMs: number;
  /** Delay before the n-th retry (n ≥ 1), in ms. */
  backoff: (attempt: number) => number;
}

export const DEFAULT_MAX_EVENT_AGE_SEC = 7 * 24 * 3600;
export const DEFAULT_STOP_ALERT_WINDOW_MS = 24 * 3600 * 1000;

/** True when the destination would no longer accept the event (event_time older than the window). */
export function isTooOld(eventTime: number, nowMs: number, maxEventAgeSec: number): boolean {
  return eventTime < Math.floor(nowMs / 1000) - maxEventAgeSec;
}

/** The settlement for an event found too old before it was sent: no request is made. */
export function expire(e: LeasedEvent, now: number): Settlement {
  return {
    id: e.id,
    attempt: { at: now, decision: 'expired', reason: 'too_old' },
    next: { state: 'dead', reason: 'too_old: event_time is outside the accepted window' },
  };
}

export function attemptOf(outcome: DeliveryOutcome, now: number): AttemptEntry {
  const entry: AttemptEntry = { at: now, decision: outcome.kind, reason: outcome.kind === 'delivered' ? (outcome.code === undefined || outcome.code === 0 ? 'ok' : `ok_${outcome.code}`) : outcome.reason };
  if (needsAlert(outcome)) entry.alert = true;
  if (outcome.code !== undefined) entry.code = outcome.code;
  if (outcome.subcode !== undefined) entry.subcode = outcome.subcode;
  if (outcome.kind !== 'delivered' && outcome.httpStatus !== undefined) entry.httpStatus = outcome.httpStatus;
  if (outcome.requestId) entry.requestId = outcome.requestId;
  entry.latencyMs = outcome.latencyMs;
  if (outcome.message) entry.message = outcome.message.slice(0, 500);
  return entry;
}

export function settleOutcome(e: LeasedEvent, outcome: DeliveryOutcome, now: number, policy: RetryPolicy): Settlement {
  const attempt = attemptOf(outcome, now);
  if (outcome.kind === 'delivered') return { id: e.id, attempt, next: { state: 'delivered' } };
  const why = describeOutcome(outcome);
  if (outcome.kind === 'drop') return { id: e.id, attempt, next: { state: 'dead', reason: `dropped: ${why}` } };
  const stopSince = outcome.kind === 'stop' ? (e.stopSince ?? now) : undefined;
  if (stopSince !== undefined && now - stopSince >= policy.stopAlertWindowMs) {
    return { id: e.id, attempt, next: { state: 'dead', reason: `stopped: ${why} for longer than the alert window` } };
  }
  const dueAt = now + Math.max(policy.backoff(e.attempts + 1), outcome.kind === 'retry' ? (outcome.retryAfterMs ?? 0) : 0);
  if (isTooOld(e.eventTime, dueAt, policy.maxEventAgeSec)) {
    return { id: e.id, attempt, next: { state: 'dead', reason: `too_old: would leave the accepted window before the next try (last: ${why})` } };
  }
  const next: Settlement['next'] = { state: 'pending', dueAt, lastError: why };
  if (stopSince !== undefined) next.stopSince = stopSince;
  return { id: e.id, attempt, next };
}
