import { describe, expect, it } from 'vitest';
import { errorAnswer, type HttpAnswer } from '../../delivery/http.js';
import { needsAlert, type OutcomeKind } from '../../delivery/outcome.js';
import { classifyTikTok } from './classify.js';

type Decision = OutcomeKind;
interface ResponseInput { httpStatus?: number; body?: unknown; headers?: Headers | Record<string, string>; error?: unknown }

/** The old test inputs as the HTTP answers the sender produces. */
function classifyResponse(input: ResponseInput, now?: number) {
  if (input.error !== undefined) return withDecision(classifyTikTok(errorAnswer(input.error, 0), now));
  const headers: Record<string, string> = {};
  if (input.headers instanceof Headers) input.headers.forEach((v, k) => (headers[k] = v));
  else Object.assign(headers, input.headers);
  const text = typeof input.body === 'string' ? input.body : input.body === undefined ? '' : JSON.stringify(input.body);
  const answer: HttpAnswer = { status: input.httpStatus ?? 200, headers, text, latencyMs: 1 };
  return withDecision(classifyTikTok(answer, now));
}
const withDecision = <T extends { kind: Decision }>(o: T) =>
  ({ ...o, decision: o.kind, alert: needsAlert(o as never) || undefined }) as T & { decision: Decision; alert?: true; retryAfterMs?: number };

// Every code in the reference's table (tiktok-events-api.md §3), answered with HTTP 200 as TikTok does.
const CODES: Array<[number, Decision, string]> = [
  [0, 'delivered', 'ok'],
  [20001, 'delivered', 'partial_ok'],
  [40000, 'drop', 'invalid_params'],
  [40002, 'drop', 'param_error'],
  [40001, 'stop', 'permission_error'],
  [40003, 'drop', 'forbidden'],
  [40061, 'drop', 'invalid_batch_size'],
  [40062, 'drop', 'pii_not_hashed'],
  [40063, 'drop', 'invalid_partner_name'],
  [40100, 'retry', 'rate_limited'],
  [40132, 'retry', 'frequency_limited'],
  [40102, 'stop', 'token_expired'],
  [40104, 'stop', 'token_empty'],
  [40105, 'stop', 'token_invalid'],
  [40106, 'stop', 'token_invalid'],
  [40107, 'stop', 'token_invalid'],
  [40199, 'stop', 'token_error'],
  [50000, 'retry', 'system_error'],
  [50002, 'retry', 'system_timeout'],
  [51000, 'retry', 'rpc_error'],
  [51012, 'retry', 'pixel_service_error'],
  [51099, 'retry', 'rpc_error'],
  [52000, 'retry', 'storage_error'],
  [52204, 'retry', 'storage_error'],
  [50500, 'retry', 'server_error'],
  [60001, 'retry', 'maintenance'],
  [61000, 'retry', 'too_many_requests'],
  [40999, 'drop', 'unknown_code'],
  [12345, 'drop', 'unknown_code'],
];

describe('classifyResponse: TikTok codes (HTTP 200)', () => {
  it.each(CODES)('code %i → %s (%s)', (code, decision, reason) => {
    const c = classifyResponse({ httpStatus: 200, body: { code, message: 'm', request_id: 'r1', data: {} } });
    expect([c.decision, c.reason, c.code, c.requestId]).toEqual([decision, reason, code, 'r1']);
  });

  it('HTTP 200 with a non-zero code is never success', () => {
    for (const [code] of CODES.filter(([c]) => c !== 0 && c !== 20001)) {
      expect(classifyResponse({ httpStatus: 200, body: { code } }).decision).not.toBe('delivered');
    }
  });

  it('reads a raw JSON text body and a string code', () => {
    expect(classifyResponse({ httpStatus: 200, body: '{"code":"40100","message":"Too many requests"}' })).toMatchObject({ decision: 'retry', code: 40100, message: 'Too many requests' });
  });

  it('flags the answers a human must look at', () => {
    expect(classifyResponse({ httpStatus: 200, body: { code: 40062 } }).alert).toBe(true);
    expect(classifyResponse({ httpStatus: 200, body: { code: 40105 } }).alert).toBe(true);
    expect(classifyResponse({ httpStatus: 200, body: { code: 40100 } }).alert).toBeUndefined();
  });
});

describe('classifyResponse: HTTP and transport', () => {
  const NOW = Date.parse('2026-11-25T12:00:00Z');
  it.each<[number, unknown, Decision, string]>([
    [429, '', 'retry', 'http_429'],
    [500, '<html>nginx</html>', 'retry', 'http_500'],
    [502, '<html>Bad Gateway</html>', 'retry', 'http_502'],
    [503, '', 'retry', 'http_503'],
    [504, '', 'retry', 'http_504'],
    [408, '', 'retry', 'http_408'],
    [401, '', 'stop', 'http_401'],
    [403, '', 'stop', 'http_403'],
    [404, 'not found', 'drop', 'http_404'],
    [400, { code: 40002, message: 'bad' }, 'drop', 'param_error'],
    [200, '<html>captive portal</html>', 'retry', 'unexpected_body'],
    [200, '', 'retry', 'unexpected_body'],
  ])('HTTP %i %j → %s (%s)', (httpStatus, body, decision, reason) => {
    const c = classifyResponse({ httpStatus, body });
    expect([c.decision, c.reason]).toEqual([decision, reason]);
  });

  it('a 5xx wins over a body code: the proxy failed, not the payload', () => {
    expect(classifyResponse({ httpStatus: 503, body: { code: 40002 } }).decision).toBe('retry');
  });

  it('carries Retry-After in seconds or as an HTTP date', () => {
    expect(classifyResponse({ httpStatus: 429, headers: { 'Retry-After': '7' } }, NOW).retryAfterMs).toBe(7000);
    const headers = new Headers({ 'retry-after': new Date(NOW + 30_000).toUTCString() });
    expect(classifyResponse({ httpStatus: 503, headers }, NOW).retryAfterMs).toBe(30_000);
  });

  it.each<[unknown, string]>([
    [Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), 'network'],
    [Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 'network'],
    [Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'network'],
    [Object.assign(new Error('headers'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 'timeout'],
    [Object.assign(new Error('connect'), { code: 'UND_ERR_CONNECT_TIMEOUT' }), 'timeout'],
    [Object.assign(new Error('body'), { code: 'UND_ERR_BODY_TIMEOUT' }), 'timeout'],
    [new DOMException('The operation timed out.', 'TimeoutError'), 'timeout'],
    [new DOMException('aborted', 'AbortError'), 'aborted'],
    [new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }), 'network'],
  ])('transport error %s → retry (%s)', (error, reason) => {
    expect(classifyResponse({ error })).toMatchObject({ decision: 'retry', reason });
  });
});
