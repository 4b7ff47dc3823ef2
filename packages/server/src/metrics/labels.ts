/**
 * Label values for the worker's metrics. Every label comes from a closed set (the outcome
 * reasons, the outbox states) or from the configured destination (its id and account: a pixel
 * id, dataset id or Google customer id), never from a platform message, a token or an event:
 * no personal data, and a bounded number of series.
 */
import type { DropReason, HttpReason, StopReason } from '../delivery/outcome.js';
import type { Settlement } from '../outbox/store.js';

type Named<R> = Exclude<R, HttpReason>;

// `satisfies` keeps these lists in step with the outcome types: a new reason that is not
// listed here fails the type check (see `Unlisted` below).
const DROP_REASONS = [
  'invalid_params', 'param_error', 'forbidden', 'invalid_batch_size', 'pii_not_hashed', 'invalid_partner_name',
  'event_too_old', 'insufficient_user_data', 'not_found', 'unknown_code', 'too_old',
] as const satisfies readonly Named<DropReason>[];
const STOP_REASONS = ['permission_error', 'token_expired', 'token_empty', 'token_invalid', 'token_error'] as const satisfies readonly Named<StopReason>[];

type Unlisted = Exclude<Named<DropReason>, (typeof DROP_REASONS)[number]> | Exclude<Named<StopReason>, (typeof STOP_REASONS)[number]>;
const everyReasonListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyReasonListed;

/**
 * Every reason an event can be dead-lettered with, except `http_NNN` (an unexpected HTTP
 * status). The dead-letter counter starts at 0 for each, so `increase()` sees the first one.
 */
export const DEAD_REASONS: readonly string[] = [...DROP_REASONS, ...STOP_REASONS];

/** A reason as a label: lower-case words or `http_NNN`, else `other` (never free text). */
export function reasonLabel(reason: string | undefined): string {
  if (!reason) return 'none';
  return /^[a-z][a-z0-9_]{0,39}$/.test(reason) ? reason : 'other';
}

/** An account as a label: a configured id (visible ASCII, at most 64 characters), else `other`. */
export function accountLabel(account: string): string {
  return /^[\x21-\x7e]{1,64}$/.test(account) ? account : 'other';
}

export type SettledResult = 'delivered' | 'retried' | 'dead' | 'returned';

/**
 * What one settlement means for the event counters, and why. A dead letter's reason is the
 * answer that killed it (`invalid_params`, `token_expired`), or `too_old` when it left the
 * destination's accepted window, whether before a request or while waiting for the next try.
 */
export function settledAs(s: Settlement): { result: SettledResult; reason: string } {
  const { next, attempt } = s;
  if (next.state === 'delivered') return { result: 'delivered', reason: reasonLabel(attempt?.reason ?? 'ok') };
  if (next.state === 'dead') {
    // The policy's dead reasons start with their class: `dropped: …`, `stopped: …`, `too_old: …`.
    if (next.reason.startsWith('too_old')) return { result: 'dead', reason: 'too_old' };
    return { result: 'dead', reason: reasonLabel(attempt?.reason) };
  }
  if (!attempt) return { result: 'returned', reason: 'shutdown' };
  return { result: 'retried', reason: reasonLabel(attempt.reason) };
}
