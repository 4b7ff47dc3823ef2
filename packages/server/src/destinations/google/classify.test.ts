import { describe, expect, it } from 'vitest';
import type { HttpAnswer } from '../../delivery/http.js';
import { needsAlert } from '../../delivery/outcome.js';
import { classifyGoogle } from './classify.js';

const rpc = (status: number, rpcStatus: string, reason?: string, headers: Record<string, string> = {}): HttpAnswer => ({
  status, headers, latencyMs: 2,
  text: JSON.stringify({ error: { code: status, status: rpcStatus, message: 'm', details: [
    ...(reason ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'datamanager.googleapis.com' }] : []),
    { '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'req-9' },
  ] } }),
});

describe('classifyGoogle (destinations.md B8)', () => {
  it('delivered: 200 with a requestId (validateOnly answers {})', () => {
    expect(classifyGoogle({ status: 200, headers: {}, text: '{"requestId":"r1"}', latencyMs: 1 })).toMatchObject({ kind: 'delivered', requestId: 'r1' });
    expect(classifyGoogle({ status: 200, headers: {}, text: '{}', latencyMs: 1 })).toMatchObject({ kind: 'delivered' });
    expect(classifyGoogle({ status: 200, headers: {}, text: '<html>portal</html>', latencyMs: 1 })).toMatchObject({ kind: 'retry', reason: 'unexpected_body' });
  });

  it.each<[number, string, string | undefined, string, string]>([
    [429, 'RESOURCE_EXHAUSTED', undefined, 'retry', 'rate_limited'],
    [500, 'INTERNAL', 'INTERNAL_ERROR', 'retry', 'http_500'],
    [503, 'UNAVAILABLE', undefined, 'retry', 'http_503'],
    [504, 'DEADLINE_EXCEEDED', 'DEADLINE_EXCEEDED', 'retry', 'http_504'],
    [401, 'UNAUTHENTICATED', 'ACCESS_TOKEN_EXPIRED', 'stop', 'token_invalid'],
    [403, 'PERMISSION_DENIED', 'PERMISSION_DENIED', 'stop', 'permission_error'],
    [400, 'INVALID_ARGUMENT', 'INVALID_SHA256_FORMAT', 'drop', 'invalid_params'],
    [400, 'INVALID_ARGUMENT', 'NO_IDENTIFIERS_PROVIDED', 'drop', 'invalid_params'],
    [404, 'NOT_FOUND', undefined, 'drop', 'not_found'],
  ])('HTTP %i %s (%s) → %s %s', (status, rpcStatus, reason, kind, outcome) => {
    const o = classifyGoogle(rpc(status, rpcStatus, reason));
    expect([o.kind, o.reason]).toEqual([kind, outcome]);
    expect(o.requestId).toBe('req-9');
    if (reason) expect(o.message).toContain(reason);
  });

  it('fast-fail: one bad record fails the request, so drops split the batch and alert', () => {
    const o = classifyGoogle(rpc(400, 'INVALID_ARGUMENT', 'INVALID_FORMAT'));
    expect(o).toMatchObject({ kind: 'drop', wholeBatch: true, alert: true });
    expect(needsAlert(classifyGoogle(rpc(401, 'UNAUTHENTICATED')))).toBe(true);
    expect(classifyGoogle(rpc(429, 'RESOURCE_EXHAUSTED', undefined, { 'retry-after': '5' }))).toMatchObject({ retryAfterMs: 5000 });
    expect(classifyGoogle({ error: 'network', code: 'ECONNRESET', latencyMs: 3 })).toMatchObject({ kind: 'retry', reason: 'network' });
  });
});
