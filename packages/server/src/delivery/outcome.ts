/**
 * What one request's answer means, as one closed type for every destination and every
 * caller (the in-process client, the outbox worker, the CLI, the delivery log):
 * - delivered;
 * - retry, with the server's own Retry-After when it gave one (the same event ids are resent);
 * - drop, with the reason, `alert` when a human must look (a payload or hashing bug) and
 *   `wholeBatch` when the platform refused the whole request for one bad event (the send step
 *   then splits the request to find it);
 * - stop: a token or permission problem; sending to that destination stops and an alert is raised.
 * Platform details (HTTP status, code, subcode, request id) ride along for the log; the token never does.
 */

/** An HTTP status the platform answered with, when no finer reason applies: `http_503`. */
export type HttpReason = `http_${number}`;

export type DeliveredReason = 'ok' | 'partial_ok';

export type RetryReason =
  | 'rate_limited' | 'frequency_limited' | 'too_many_requests' | 'temporarily_blocked'
  | 'system_error' | 'system_timeout' | 'pixel_service_error' | 'rpc_error' | 'storage_error' | 'server_error'
  | 'maintenance' | 'transient' | 'unexpected_body' | 'network' | 'timeout' | 'aborted'
  /** The platform refused a cached OAuth token before its expiry: a fresh one is fetched for the retry. */
  | 'token_refresh'
  | HttpReason;

export type DropReason =
  | 'invalid_params' | 'param_error' | 'forbidden' | 'invalid_batch_size' | 'pii_not_hashed' | 'invalid_partner_name'
  | 'event_too_old' | 'insufficient_user_data' | 'not_found' | 'unknown_code'
  /** Never sent: the event left the platform's accepted window while it waited (outbox). */
  | 'too_old'
  | HttpReason;

export type StopReason = 'permission_error' | 'token_expired' | 'token_empty' | 'token_invalid' | 'token_error' | HttpReason;

/** What the platform (or the network) said, for the delivery log. Never a token, never personal data. */
export interface AnswerDetail {
  httpStatus?: number;
  code?: number;
  subcode?: number;
  /** The platform's message, cut to 500 characters. */
  message?: string;
  requestId?: string;
  latencyMs: number;
}

export type DeliveryOutcome =
  | ({ kind: 'delivered'; reason: DeliveredReason } & AnswerDetail)
  | ({ kind: 'retry'; reason: RetryReason; retryAfterMs?: number } & AnswerDetail)
  | ({ kind: 'drop'; reason: DropReason; alert: boolean; wholeBatch: boolean } & AnswerDetail)
  | ({ kind: 'stop'; reason: StopReason } & AnswerDetail);

export type OutcomeKind = DeliveryOutcome['kind'];

/** Stops always need a human; drops only when the classifier said so. */
export function needsAlert(outcome: DeliveryOutcome): boolean {
  return outcome.kind === 'stop' || (outcome.kind === 'drop' && outcome.alert);
}

/** `invalid_params code 40002`, `http_503 HTTP 503`: a short label for logs and dead-letter reasons. */
export function describeOutcome(outcome: DeliveryOutcome): string {
  const detail = outcome.code !== undefined ? ` code ${outcome.code}${outcome.subcode !== undefined ? `/${outcome.subcode}` : ''}` : outcome.httpStatus !== undefined ? ` HTTP ${outcome.httpStatus}` : '';
  return `${outcome.reason}${detail}`;
}

/** The outcome for events sending never reached: the caller aborted, or a stop halted the destination. */
export function notSent(reason: 'aborted'): DeliveryOutcome {
  return { kind: 'retry', reason, latencyMs: 0 };
}
