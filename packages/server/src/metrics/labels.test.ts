import { describe, expect, it } from 'vitest';
import { expire, settleOutcome, type RetryPolicy } from '../outbox/policy.js';
import type { LeasedEvent } from '../outbox/store.js';
import { fail, ok } from '../../test-support/outbox/fixtures.js';
import { DEAD_REASONS, accountLabel, reasonLabel, settledAs } from './labels.js';

const now = Date.UTC(2026, 10, 25, 12);
const event = (overrides: Partial<LeasedEvent> = {}): LeasedEvent => ({
  id: 1, destination: 'tiktok', account: 'CPIXEL', batch: '', wireJson: '{}', eventTime: Math.floor(now / 1000) - 60, attempts: 0, ...overrides,
});
const policy: RetryPolicy = { maxEventAgeSec: 7 * 24 * 3600, stopAlertWindowMs: 24 * 3600 * 1000, backoff: () => 1000 };

describe('settledAs: what the real retry policy decided, as counter labels', () => {
  it('delivered, retried with the failed try’s reason, and returned at shutdown', () => {
    expect(settledAs(settleOutcome(event(), ok(), now, policy))).toEqual({ result: 'delivered', reason: 'ok' });
    expect(settledAs(settleOutcome(event(), { ...ok(), code: 20001 }, now, policy))).toEqual({ result: 'delivered', reason: 'ok_20001' });
    expect(settledAs(settleOutcome(event(), fail('rate_limited', { code: 40100 }), now, policy))).toEqual({ result: 'retried', reason: 'rate_limited' });
    expect(settledAs(settleOutcome(event(), fail('token_expired', { stop: true }), now, policy))).toEqual({ result: 'retried', reason: 'token_expired' });
    expect(settledAs({ id: 1, next: { state: 'pending', dueAt: now } })).toEqual({ result: 'returned', reason: 'shutdown' });
  });

  it('dead letters carry the refusing answer, or too_old however the event left the window', () => {
    expect(settledAs(settleOutcome(event(), fail('invalid_params', { code: 40002, retryable: false }), now, policy))).toEqual({ result: 'dead', reason: 'invalid_params' });
    const stoppedLongAgo = event({ stopSince: now - policy.stopAlertWindowMs });
    expect(settledAs(settleOutcome(stoppedLongAgo, fail('token_expired', { stop: true }), now, policy))).toEqual({ result: 'dead', reason: 'token_expired' });
    // Already too old when leased: no request at all.
    expect(settledAs(expire(event(), now))).toEqual({ result: 'dead', reason: 'too_old' });
    // The next try would fall outside the window: the retry reason is not why it died.
    const nearlyTooOld = event({ eventTime: Math.floor(now / 1000) - policy.maxEventAgeSec });
    expect(settledAs(settleOutcome(nearlyTooOld, fail('http_503', { httpStatus: 503 }), now, policy))).toEqual({ result: 'dead', reason: 'too_old' });
  });

  it('every named dead reason starts at zero, http_NNN aside', () => {
    expect(DEAD_REASONS).toEqual(expect.arrayContaining(['invalid_params', 'pii_not_hashed', 'too_old', 'token_expired', 'permission_error']));
    expect(DEAD_REASONS.every((r) => reasonLabel(r) === r)).toBe(true);
  });
});

describe('label values never carry free text', () => {
  it('reasons outside the closed words become other', () => {
    expect(reasonLabel('http_503')).toBe('http_503');
    expect(reasonLabel('Invalid email buyer@example.com')).toBe('other');
    expect(reasonLabel('x'.repeat(41))).toBe('other');
    expect(reasonLabel(undefined)).toBe('none');
  });

  it('accounts are configured ids; anything else becomes other', () => {
    expect(accountLabel('CTESTPIXEL0001')).toBe('CTESTPIXEL0001');
    expect(accountLabel('123-456-7890')).toBe('123-456-7890');
    expect(accountLabel('with space')).toBe('other');
    expect(accountLabel('')).toBe('other');
  });
});
