/**
 * What TikTok's answer means. TikTok answers most errors with HTTP 200 and a non-zero body
 * `code`, so the body's code decides whenever there is one; the HTTP status and transport
 * errors decide otherwise (a 5xx from a proxy wins over a body code). The table is
 * tiktok-events-api.md §3; the README shows it.
 */
import { clip, jsonBody, retryAfterOf } from '../../delivery/answer.js';
import type { HttpAnswer } from '../../delivery/http.js';
import type { AnswerDetail, DeliveryOutcome, DropReason, RetryReason, StopReason, DeliveredReason } from '../../delivery/outcome.js';

type Rule =
  | { kind: 'delivered'; reason: DeliveredReason }
  | { kind: 'retry'; reason: RetryReason }
  | { kind: 'drop'; reason: DropReason; alert?: true }
  | { kind: 'stop'; reason: StopReason };

/** Exact codes from TikTok's SDK code table (reference §3). */
const CODES: Record<number, Rule> = {
  0: { kind: 'delivered', reason: 'ok' },
  20001: { kind: 'delivered', reason: 'partial_ok' },
  40000: { kind: 'drop', reason: 'invalid_params', alert: true },
  40001: { kind: 'stop', reason: 'permission_error' },
  40002: { kind: 'drop', reason: 'param_error', alert: true },
  40003: { kind: 'drop', reason: 'forbidden', alert: true },
  40061: { kind: 'drop', reason: 'invalid_batch_size' },
  40062: { kind: 'drop', reason: 'pii_not_hashed', alert: true },
  40063: { kind: 'drop', reason: 'invalid_partner_name', alert: true },
  40100: { kind: 'retry', reason: 'rate_limited' },
  40132: { kind: 'retry', reason: 'frequency_limited' },
  40102: { kind: 'stop', reason: 'token_expired' },
  40104: { kind: 'stop', reason: 'token_empty' },
  40105: { kind: 'stop', reason: 'token_invalid' },
  40106: { kind: 'stop', reason: 'token_invalid' },
  40107: { kind: 'stop', reason: 'token_invalid' },
  50000: { kind: 'retry', reason: 'system_error' },
  50002: { kind: 'retry', reason: 'system_timeout' },
  51012: { kind: 'retry', reason: 'pixel_service_error' },
  60001: { kind: 'retry', reason: 'maintenance' },
  61000: { kind: 'retry', reason: 'too_many_requests' },
};

/** TikTok fails a whole request for one bad event with these: worth splitting to find it. */
const WHOLE_BATCH = new Set<DropReason>(['invalid_params', 'param_error', 'invalid_batch_size', 'pii_not_hashed']);

function ruleForCode(code: number): Rule {
  const exact = CODES[code];
  if (exact) return exact;
  if (code >= 40100 && code <= 40199) return { kind: 'stop', reason: 'token_error' };
  if (code >= 51000 && code <= 51099) return { kind: 'retry', reason: 'rpc_error' };
  if (code >= 52000 && code <= 52299) return { kind: 'retry', reason: 'storage_error' };
  if (code >= 50000 && code <= 59999) return { kind: 'retry', reason: 'server_error' };
  // Unknown codes: no retry (it would repeat a payload problem), but a human must look.
  return { kind: 'drop', reason: 'unknown_code', alert: true };
}

function outcomeOf(rule: Rule, detail: AnswerDetail, retryAfterMs?: number): DeliveryOutcome {
  if (rule.kind === 'drop') return { kind: 'drop', reason: rule.reason, alert: rule.alert === true, wholeBatch: WHOLE_BATCH.has(rule.reason), ...detail };
  if (rule.kind === 'retry') return { kind: 'retry', reason: rule.reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...detail };
  return { ...rule, ...detail } as DeliveryOutcome;
}

function bodyCode(body: unknown): { code?: number; message?: string; requestId?: string } {
  if (!body || typeof body !== 'object') return {};
  const b = body as { code?: unknown; message?: unknown; request_id?: unknown };
  const out: { code?: number; message?: string; requestId?: string } = {};
  if (typeof b.code === 'number' && Number.isInteger(b.code)) out.code = b.code;
  else if (typeof b.code === 'string' && /^\d+$/.test(b.code)) out.code = Number(b.code);
  const message = clip(b.message);
  if (message !== undefined) out.message = message;
  if (typeof b.request_id === 'string') out.requestId = b.request_id.slice(0, 200);
  return out;
}

export function classifyTikTok(answer: HttpAnswer, now: number = Date.now()): DeliveryOutcome {
  if ('error' in answer) {
    return { kind: 'retry', reason: answer.error, latencyMs: answer.latencyMs, ...(answer.code ? { message: answer.code } : {}) };
  }
  const status = answer.status;
  const { code, message, requestId } = bodyCode(jsonBody(answer.text));
  const retryAfterMs = retryAfterOf(answer, now);
  const detail: AnswerDetail = {
    httpStatus: status,
    latencyMs: answer.latencyMs,
    ...(code !== undefined ? { code } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
  };
  const http = `http_${status}` as const;
  if (status === 429 || status >= 500 || status === 408) return outcomeOf({ kind: 'retry', reason: http }, detail, retryAfterMs);
  if (status === 401 || status === 403) return outcomeOf({ kind: 'stop', reason: http }, detail);
  if (code !== undefined) return outcomeOf(ruleForCode(code), detail, retryAfterMs);
  if (status >= 400) return outcomeOf({ kind: 'drop', reason: http, alert: true }, detail);
  // A 2xx without TikTok's {code}: a proxy or captive portal answered, not TikTok. Not proof of delivery.
  return outcomeOf({ kind: 'retry', reason: 'unexpected_body' }, detail, retryAfterMs);
}
