/**
 * classifyResponse: what to do after TikTok (or the network) answered. TikTok answers most
 * errors with HTTP 200 and a non-zero `code`, so the body's code decides whenever there is
 * one; HTTP status and transport errors decide otherwise. The table is in the README.
 */
import type { Classification, Decision } from '../types.js';
import { parseRetryAfter } from './backoff.js';

export type HeadersLike = Headers | Record<string, string | string[] | number | undefined> | undefined;

export interface ResponseInput {
  httpStatus?: number;
  /** Parsed JSON or raw text. */
  body?: unknown;
  headers?: HeadersLike;
  /** A transport error (network, timeout, abort) instead of a response. */
  error?: unknown;
}

interface Rule {
  decision: Decision;
  reason: string;
  alert?: boolean;
}

/** Exact codes from TikTok's SDK code table (reference §3). */
const CODES: Record<number, Rule> = {
  0: { decision: 'delivered', reason: 'ok' },
  20001: { decision: 'delivered', reason: 'partial_ok' },
  40000: { decision: 'drop', reason: 'invalid_params', alert: true },
  40001: { decision: 'stop', reason: 'permission_error', alert: true },
  40002: { decision: 'drop', reason: 'param_error', alert: true },
  40003: { decision: 'drop', reason: 'forbidden', alert: true },
  40061: { decision: 'drop', reason: 'invalid_batch_size' },
  40062: { decision: 'drop', reason: 'pii_not_hashed', alert: true },
  40063: { decision: 'drop', reason: 'invalid_partner_name', alert: true },
  40100: { decision: 'retry', reason: 'rate_limited' },
  40132: { decision: 'retry', reason: 'frequency_limited' },
  40102: { decision: 'stop', reason: 'token_expired', alert: true },
  40104: { decision: 'stop', reason: 'token_empty', alert: true },
  40105: { decision: 'stop', reason: 'token_invalid', alert: true },
  40106: { decision: 'stop', reason: 'token_invalid', alert: true },
  40107: { decision: 'stop', reason: 'token_invalid', alert: true },
  50000: { decision: 'retry', reason: 'system_error' },
  50002: { decision: 'retry', reason: 'system_timeout' },
  51012: { decision: 'retry', reason: 'pixel_service_error' },
  60001: { decision: 'retry', reason: 'maintenance' },
  61000: { decision: 'retry', reason: 'too_many_requests' },
};

function ruleForCode(code: number): Rule {
  const exact = CODES[code];
  if (exact) return exact;
  if (code >= 40100 && code <= 40199) return { decision: 'stop', reason: 'token_error', alert: true };
  if (code >= 51000 && code <= 51099) return { decision: 'retry', reason: 'rpc_error' };
  if (code >= 52000 && code <= 52299) return { decision: 'retry', reason: 'storage_error' };
  if (code >= 50000 && code <= 59999) return { decision: 'retry', reason: 'server_error' };
  // Unknown codes: no retry (it would repeat a payload problem), but a human must look.
  return { decision: 'drop', reason: 'unknown_code', alert: true };
}

function header(headers: HeadersLike, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | number | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value === undefined ? undefined : String(value);
}

function parseBody(body: unknown): { code?: number; message?: string; requestId?: string } {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (!value || typeof value !== 'object') return {};
  const b = value as { code?: unknown; message?: unknown; request_id?: unknown };
  const out: { code?: number; message?: string; requestId?: string } = {};
  if (typeof b.code === 'number' && Number.isInteger(b.code)) out.code = b.code;
  else if (typeof b.code === 'string' && /^\d+$/.test(b.code)) out.code = Number(b.code);
  if (typeof b.message === 'string') out.message = b.message.slice(0, 500);
  if (typeof b.request_id === 'string') out.requestId = b.request_id;
  return out;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

function classifyError(error: unknown): Classification {
  const e = error as { name?: string; code?: string; cause?: { code?: string; name?: string } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  const name = e?.name ?? '';
  if (name === 'TimeoutError' || (code && TIMEOUT_CODES.has(code))) return { decision: 'retry', reason: 'timeout' };
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return { decision: 'retry', reason: 'aborted' };
  return { decision: 'retry', reason: 'network', ...(code ? { message: code } : {}) };
}

export function classifyResponse(input: ResponseInput, now: number = Date.now()): Classification {
  if (input.error !== undefined && input.httpStatus === undefined) return classifyError(input.error);
  const status = input.httpStatus;
  const { code, message, requestId } = parseBody(input.body);
  const retryAfterMs = parseRetryAfter(header(input.headers, 'retry-after'), now);
  const extra = {
    ...(status !== undefined ? { httpStatus: status } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
  if (status === 429) return { decision: 'retry', reason: 'http_429', ...extra };
  if (status !== undefined && status >= 500) return { decision: 'retry', reason: `http_${status}`, ...extra };
  if (status === 408) return { decision: 'retry', reason: 'http_408', ...extra };
  if (status === 401 || status === 403) return { decision: 'stop', reason: `http_${status}`, alert: true, ...extra };
  if (code !== undefined) {
    const rule = ruleForCode(code);
    return { decision: rule.decision, reason: rule.reason, ...(rule.alert ? { alert: true } : {}), ...extra };
  }
  if (status !== undefined && status >= 400) return { decision: 'drop', reason: `http_${status}`, alert: true, ...extra };
  // A 2xx without TikTok's {code}: a proxy or captive portal answered, not TikTok. Not proof of delivery.
  return { decision: 'retry', reason: 'unexpected_body', ...extra };
}

/**
 * Answers TikTok gives to a whole request when one event in it is bad (it fails the batch,
 * not the event). Worth splitting the request to find the culprit, so one bad event never
 * sinks the events it was batched with.
 */
const BATCH_REJECTIONS = new Set(['invalid_params', 'param_error', 'invalid_batch_size', 'pii_not_hashed']);

export function rejectsWholeBatch(outcome: { ok: boolean; reason?: string }): boolean {
  return !outcome.ok && outcome.reason !== undefined && BATCH_REJECTIONS.has(outcome.reason);
}
