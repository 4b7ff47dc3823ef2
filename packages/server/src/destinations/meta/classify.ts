/**
 * What Meta's answer means. Unlike TikTok, Meta answers errors with real HTTP statuses and a
 * Graph error envelope `{ error: { code, error_subcode, is_transient, message, fbtrace_id } }`
 * (destinations.md A3): throttling (4, 17, 341, 80003) and transient errors (1, 2,
 * `is_transient`, 5xx, timeouts) are retried with the same event ids; a token error (190) or a
 * missing permission (10, 200–299, 3, 100/33) stops and alerts; validation errors (100 and its
 * 2804xxx subcodes) drop with the reason — and since one invalid event fails the whole batch,
 * they mark the request for splitting.
 */
import { clip, jsonBody, retryAfterOf } from '../../delivery/answer.js';
import type { HttpAnswer } from '../../delivery/http.js';
import type { AnswerDetail, DeliveryOutcome } from '../../delivery/outcome.js';

interface GraphError {
  code?: unknown;
  error_subcode?: unknown;
  is_transient?: unknown;
  message?: unknown;
  error_user_title?: unknown;
  fbtrace_id?: unknown;
}

const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

export function classifyMeta(answer: HttpAnswer, now: number = Date.now()): DeliveryOutcome {
  if ('error' in answer) return { kind: 'retry', reason: answer.error, latencyMs: answer.latencyMs, ...(answer.code ? { message: answer.code } : {}) };
  const status = answer.status;
  const body = jsonBody(answer.text) as { events_received?: unknown; fbtrace_id?: unknown; error?: GraphError } | undefined;
  const error = body && typeof body.error === 'object' && body.error ? body.error : undefined;
  const code = int(error?.code);
  const subcode = int(error?.error_subcode);
  const trace = error?.fbtrace_id ?? body?.fbtrace_id;
  const message = clip(error?.error_user_title ?? error?.message);
  const detail: AnswerDetail = {
    httpStatus: status,
    latencyMs: answer.latencyMs,
    ...(code !== undefined ? { code } : {}),
    ...(subcode !== undefined ? { subcode } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(typeof trace === 'string' ? { requestId: trace.slice(0, 200) } : {}),
  };
  const retryAfterMs = retryAfterOf(answer, now);
  const retry = (reason: Extract<DeliveryOutcome, { kind: 'retry' }>['reason']): DeliveryOutcome => ({ kind: 'retry', reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...detail });

  if (status >= 200 && status < 300 && !error) {
    return typeof body?.events_received === 'number' ? { kind: 'delivered', reason: 'ok', ...detail } : retry('unexpected_body');
  }
  if (code !== undefined) {
    if (code === 190) return { kind: 'stop', reason: subcode === 463 ? 'token_expired' : 'token_invalid', ...detail };
    if (code === 10 || code === 3 || (code >= 200 && code <= 299) || (code === 100 && subcode === 33)) return { kind: 'stop', reason: 'permission_error', ...detail };
    if (code === 4 || code === 17 || code === 341 || code === 613 || (code >= 80000 && code <= 80099)) return retry('rate_limited');
    if (code === 368) return retry('temporarily_blocked');
    if (code === 1 || code === 2 || error?.is_transient === true) return retry('transient');
    if (code === 100) {
      if (subcode === 2804003) return { kind: 'drop', reason: 'event_too_old', alert: true, wholeBatch: true, ...detail };
      if (subcode === 2804050) return { kind: 'drop', reason: 'insufficient_user_data', alert: true, wholeBatch: true, ...detail };
      return { kind: 'drop', reason: 'invalid_params', alert: true, wholeBatch: true, ...detail };
    }
  }
  if (status === 429) return retry('rate_limited');
  if (status >= 500 || status === 408) return retry(`http_${status}`);
  if (status === 401 || status === 403) return { kind: 'stop', reason: `http_${status}`, ...detail };
  if (status >= 400 && status < 500) return { kind: 'drop', reason: code === undefined ? `http_${status}` : 'unknown_code', alert: true, wholeBatch: false, ...detail };
  return retry('unexpected_body');
}
