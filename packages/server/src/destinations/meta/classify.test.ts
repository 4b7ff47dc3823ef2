import { describe, expect, it } from 'vitest';
import type { HttpAnswer } from '../../delivery/http.js';
import { needsAlert } from '../../delivery/outcome.js';
import { classifyMeta } from './classify.js';

const graph = (status: number, error: Record<string, unknown>, headers: Record<string, string> = {}): HttpAnswer => ({
  status, headers, text: JSON.stringify({ error: { message: 'm', type: 'OAuthException', fbtrace_id: 'AbC123', ...error } }), latencyMs: 3,
});

describe('classifyMeta (destinations.md A3)', () => {
  it('delivered: HTTP 200 with events_received', () => {
    expect(classifyMeta({ status: 200, headers: {}, text: '{"events_received":3,"messages":[],"fbtrace_id":"T1"}', latencyMs: 1 })).toMatchObject({ kind: 'delivered', requestId: 'T1' });
    expect(classifyMeta({ status: 200, headers: {}, text: '<html>proxy</html>', latencyMs: 1 })).toMatchObject({ kind: 'retry', reason: 'unexpected_body' });
  });

  it.each<[number, Record<string, unknown>, string, string]>([
    [429, { code: 4 }, 'retry', 'rate_limited'],
    [400, { code: 17 }, 'retry', 'rate_limited'],
    [400, { code: 341 }, 'retry', 'rate_limited'],
    [429, { code: 80003 }, 'retry', 'rate_limited'],
    [503, { code: 2, is_transient: true }, 'retry', 'transient'],
    [500, { code: 1 }, 'retry', 'transient'],
    [400, { code: 999, is_transient: true }, 'retry', 'transient'],
    [400, { code: 368 }, 'retry', 'temporarily_blocked'],
    [401, { code: 190, error_subcode: 463 }, 'stop', 'token_expired'],
    [400, { code: 190 }, 'stop', 'token_invalid'],
    [403, { code: 10 }, 'stop', 'permission_error'],
    [403, { code: 200 }, 'stop', 'permission_error'],
    [400, { code: 100, error_subcode: 33 }, 'stop', 'permission_error'],
    [400, { code: 100, error_subcode: 2804003 }, 'drop', 'event_too_old'],
    [400, { code: 100, error_subcode: 2804050 }, 'drop', 'insufficient_user_data'],
    [400, { code: 100, error_subcode: 2804019 }, 'drop', 'invalid_params'],
    [400, { code: 12345 }, 'drop', 'unknown_code'],
  ])('HTTP %i %j → %s %s', (status, error, kind, reason) => {
    const o = classifyMeta(graph(status, error));
    expect([o.kind, o.reason]).toEqual([kind, reason]);
    expect(o).toMatchObject({ httpStatus: status, requestId: 'AbC123', code: error.code });
  });

  it('validation errors drop the whole batch (so it is split), alert a human, and keep the subcode', () => {
    const o = classifyMeta(graph(400, { code: 100, error_subcode: 2804019, error_user_title: 'Invalid parameter' }));
    expect(o).toMatchObject({ kind: 'drop', wholeBatch: true, alert: true, subcode: 2804019, message: 'Invalid parameter' });
    expect(needsAlert(classifyMeta(graph(401, { code: 190 })))).toBe(true);
    expect(needsAlert(classifyMeta(graph(429, { code: 4 })))).toBe(false);
  });

  it('HTTP statuses decide without a Graph body; Retry-After is kept; transport errors retry', () => {
    expect(classifyMeta({ status: 502, headers: {}, text: '<html>bad gateway</html>', latencyMs: 1 })).toMatchObject({ kind: 'retry', reason: 'http_502' });
    expect(classifyMeta({ status: 429, headers: { 'retry-after': '3' }, text: '', latencyMs: 1 })).toMatchObject({ kind: 'retry', reason: 'rate_limited', retryAfterMs: 3000 });
    expect(classifyMeta({ status: 403, headers: {}, text: '', latencyMs: 1 })).toMatchObject({ kind: 'stop', reason: 'http_403' });
    expect(classifyMeta({ error: 'timeout', latencyMs: 10 })).toMatchObject({ kind: 'retry', reason: 'timeout' });
  });
});
