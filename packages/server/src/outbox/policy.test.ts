import { describe, expect, it } from 'vitest';
import { isTooOld, settleOutcome } from './policy.js';
import type { RetryPolicy } from './policy.js';
import type { LeasedEvent } from './store.js';
import { fail, ok } from '../../test-support/outbox/fixtures.js';

const now = 1_700_000_000_000;
const nowS = now / 1000;
const policy: RetryPolicy = { maxEventAgeSec: 7 * 86400, stopAlertWindowMs: 3600_000, backoff: (n) => 1000 * n };
const leased = (o: Partial<LeasedEvent> = {}): LeasedEvent => ({
  id: 7, destination: 'tiktok', account: 'P', batch: '', wireJson: JSON.stringify({ event: 'Purchase', event_id: 'ord_1_purchase', event_time: nowS - 60 }), eventTime: nowS - 60, attempts: 0, ...o,
});

describe('settleOutcome', () => {
  const cases: [string, Parameters<typeof settleOutcome>[1], Partial<LeasedEvent>, unknown][] = [
    ['accepted → delivered', ok(), {}, { state: 'delivered' }],
    ['40100 → retry after backoff', fail('rate_limited', { code: 40100 }), {}, { state: 'pending', dueAt: now + 1000, lastError: 'rate_limited code 40100' }],
    ['Retry-After longer than backoff wins', fail('http_429', { httpStatus: 429, retryAfterMs: 9000 }), {}, { state: 'pending', dueAt: now + 9000, lastError: 'http_429 HTTP 429' }],
    ['backoff grows with attempts', fail('http_503', { httpStatus: 503 }), { attempts: 2 }, { state: 'pending', dueAt: now + 3000, lastError: 'http_503 HTTP 503' }],
    ['40002 → dead, dropped', fail('invalid_params', { code: 40002, retryable: false }), {}, { state: 'dead', reason: 'dropped: invalid_params code 40002' }],
    ['retry that would leave the window → dead too_old', fail('timeout'), { eventTime: nowS - 7 * 86400 + 0.5 }, { state: 'dead', reason: 'too_old: would leave the accepted window before the next try (last: timeout)' }],
    ['first token error → retry, alert window starts', fail('token_invalid', { code: 40105, retryable: false, stop: true }), {}, { state: 'pending', dueAt: now + 1000, stopSince: now, lastError: 'token_invalid code 40105' }],
    ['token error inside the window keeps its start', fail('token_invalid', { code: 40105, retryable: false, stop: true }), { stopSince: now - 1000 }, { state: 'pending', dueAt: now + 1000, stopSince: now - 1000, lastError: 'token_invalid code 40105' }],
    ['token error past the window → dead', fail('token_invalid', { code: 40105, retryable: false, stop: true }), { stopSince: now - 3600_000 }, { state: 'dead', reason: 'stopped: token_invalid code 40105 for longer than the alert window' }],
  ];
  it.each(cases)('%s', (_name, outcome, event, next) => {
    const s = settleOutcome(leased(event), outcome, now, policy);
    expect(s.id).toBe(7);
    expect(s.next).toEqual(next);
    expect(s.attempt?.at).toBe(now);
  });

  it('logs the attempt with code, request id and latency', () => {
    const s = settleOutcome(leased(), { kind: 'retry', reason: 'rate_limited', code: 40100, requestId: 'rq-9', latencyMs: 42, message: 'Too many requests' }, now, policy);
    expect(s.attempt).toEqual({ at: now, decision: 'retry', reason: 'rate_limited', code: 40100, requestId: 'rq-9', latencyMs: 42, message: 'Too many requests' });
    expect(settleOutcome(leased(), { kind: 'delivered', reason: 'partial_ok', code: 20001, latencyMs: 3 }, now, policy).attempt).toMatchObject({ decision: 'delivered', reason: 'ok_20001', code: 20001 });
    // a stop always needs a human; the attempt log says so
    expect(settleOutcome(leased(), { kind: 'stop', reason: 'token_invalid', code: 40105, latencyMs: 3 }, now, policy).attempt).toMatchObject({ decision: 'stop', alert: true });
  });
});

describe('isTooOld', () => {
  it('is the 7-day window in seconds', () => {
    expect(isTooOld(nowS - 7 * 86400, now, 7 * 86400)).toBe(false);
    expect(isTooOld(nowS - 7 * 86400 - 1, now, 7 * 86400)).toBe(true);
  });
});
