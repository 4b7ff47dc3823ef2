/**
 * What Google's answer means. Data Manager answers with the HTTP status and a `google.rpc`
 * error `{ error: { code, status, message, details: [ErrorInfo{reason}, BadRequest, RequestInfo] } }`
 * (destinations.md B8): 429 / RESOURCE_EXHAUSTED, 500, 503, 504 (INTERNAL, UNAVAILABLE,
 * DEADLINE_EXCEEDED) are retried with the same transaction ids; 401 stops and alerts (the
 * credentials); 403 PERMISSION_DENIED stops and alerts (the account link); the rest is a
 * payload problem, dropped with the reason — and since Data Manager fails the whole request for
 * one bad record, marked for splitting.
 */
import { clip, jsonBody, retryAfterOf } from '../../delivery/answer.js';
import type { HttpAnswer } from '../../delivery/http.js';
import type { AnswerDetail, DeliveryOutcome } from '../../delivery/outcome.js';

interface RpcError {
  code?: unknown;
  status?: unknown;
  message?: unknown;
  details?: Array<{ '@type'?: string; reason?: unknown; requestId?: unknown; fieldViolations?: Array<{ field?: unknown; description?: unknown }> }>;
}

export function classifyGoogle(answer: HttpAnswer, now: number = Date.now()): DeliveryOutcome {
  if ('error' in answer) return { kind: 'retry', reason: answer.error, latencyMs: answer.latencyMs, ...(answer.code ? { message: answer.code } : {}) };
  const status = answer.status;
  const body = jsonBody(answer.text) as { requestId?: unknown; error?: RpcError } | undefined;
  const error = body?.error && typeof body.error === 'object' ? body.error : undefined;
  const details = Array.isArray(error?.details) ? error.details : [];
  const reason = details.find((d) => typeof d.reason === 'string')?.reason as string | undefined;
  const violation = details.flatMap((d) => d.fieldViolations ?? [])[0];
  const requestId = (details.find((d) => typeof d.requestId === 'string')?.requestId ?? body?.requestId) as string | undefined;
  const rpcStatus = typeof error?.status === 'string' ? error.status : undefined;
  const message = clip([rpcStatus, reason, violation ? `${String(violation.field)}: ${String(violation.description)}` : undefined].filter(Boolean).join(' ') || error?.message);
  const detail: AnswerDetail = {
    httpStatus: status,
    latencyMs: answer.latencyMs,
    ...(message ? { message } : {}),
    ...(typeof requestId === 'string' ? { requestId: requestId.slice(0, 200) } : {}),
  };
  const retryAfterMs = retryAfterOf(answer, now);
  const retry = (r: Extract<DeliveryOutcome, { kind: 'retry' }>['reason']): DeliveryOutcome => ({ kind: 'retry', reason: r, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...detail });

  // validateOnly answers `{}`: a JSON object is Google's answer; anything else came from a proxy.
  if (status >= 200 && status < 300 && !error) return body && typeof body === 'object' ? { kind: 'delivered', reason: 'ok', ...detail } : retry('unexpected_body');
  if (status === 429 || rpcStatus === 'RESOURCE_EXHAUSTED') return retry('rate_limited');
  if (status >= 500 || status === 408 || rpcStatus === 'UNAVAILABLE' || rpcStatus === 'DEADLINE_EXCEEDED' || rpcStatus === 'INTERNAL') return retry(status >= 500 ? `http_${status}` : 'server_error');
  if (status === 401 || rpcStatus === 'UNAUTHENTICATED') return { kind: 'stop', reason: 'token_invalid', ...detail };
  if (status === 403 || rpcStatus === 'PERMISSION_DENIED') return { kind: 'stop', reason: 'permission_error', ...detail };
  if (status === 404 || rpcStatus === 'NOT_FOUND') return { kind: 'drop', reason: 'not_found', alert: true, wholeBatch: false, ...detail };
  if (status >= 400 && status < 500) return { kind: 'drop', reason: 'invalid_params', alert: true, wholeBatch: true, ...detail };
  return retry('unexpected_body');
}
