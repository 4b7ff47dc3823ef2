/**
 * Meta's own fault kinds, in the same FaultSpec style as TikTok's (`faults.ts`), and what each
 * answers. Names shared with TikTok (`rate_limit`, `token_expired`, `reset`, …) mean the same
 * kind of trouble in Meta's dialect, so one spec reads the same on either destination.
 */
import { GRAPH_ERRORS, type GraphError } from './graph-error.js';

export const META_FAULT_KINDS = [
  'rate_limit', 'user_rate_limit', 'account_rate_limit', 'transient', 'unknown_error',
  'token_expired', 'token_invalid', 'no_permission',
  'http_500', 'http_502', 'http_503', 'http_504', 'reset', 'timeout', 'slow',
] as const;
export type MetaFaultKind = (typeof META_FAULT_KINDS)[number];

/** Faults answered with a Graph error envelope; the others are edge pages, resets or delays. */
export const META_FAULT_ERRORS: Partial<Record<MetaFaultKind, () => GraphError>> = {
  rate_limit: GRAPH_ERRORS.appRateLimit,
  user_rate_limit: GRAPH_ERRORS.userRateLimit,
  account_rate_limit: GRAPH_ERRORS.accountRateLimit,
  transient: GRAPH_ERRORS.transient,
  unknown_error: GRAPH_ERRORS.unknown,
  token_expired: GRAPH_ERRORS.tokenExpired,
  token_invalid: GRAPH_ERRORS.tokenInvalid,
  no_permission: GRAPH_ERRORS.noPermission,
};

/** The plain-text page a load balancer in front of Graph answers with (not a Graph body). */
export function edgePage(status: number): string {
  const reason: Record<number, string> = { 413: 'Payload Too Large', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  return `<!DOCTYPE html><html><head><title>${status} ${reason[status] ?? 'Error'}</title></head><body><h1>${status} ${reason[status] ?? 'Error'}</h1><p>Sorry, something went wrong.</p></body></html>`;
}
