/**
 * Errors in the google.rpc model, as Google's REST front end answers them:
 * `{ error: { code: <HTTP status>, status, message, details: [ErrorInfo, BadRequest?, RequestInfo] } }`.
 * Messages name the field and the rule, never the rejected value (it is often personal data).
 */
export const RPC_HTTP_STATUS = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const;
export type RpcStatus = keyof typeof RPC_HTTP_STATUS;

export const DATAMANAGER_DOMAIN = 'datamanager.googleapis.com';

export interface RpcProblem {
  status: RpcStatus;
  /** ErrorInfo.reason: a Data Manager ErrorReason, or an auth reason such as ACCESS_TOKEN_EXPIRED; null for no ErrorInfo (503). */
  reason: string | null;
  message: string;
  /** The offending field, in the request's JSON names (`events[3].transactionId`); adds a BadRequest detail. */
  field?: string;
  /** The rule broken, without the field (BadRequest.fieldViolations[].description). */
  description?: string;
  /** ErrorInfo.domain; `googleapis.com` for authentication problems, as Google's front end says. */
  domain?: string;
  /** The RPC method, for ErrorInfo.metadata. */
  method?: string;
}

export interface RpcErrorBody {
  error: {
    code: number;
    message: string;
    status: RpcStatus;
    details: Array<Record<string, unknown>>;
  };
}

export function rpcErrorBody(problem: RpcProblem, requestId: string): RpcErrorBody {
  const metadata: Record<string, string> = { service: DATAMANAGER_DOMAIN };
  if (problem.method) metadata.method = problem.method;
  const details: Array<Record<string, unknown>> = [];
  if (problem.reason !== null) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: problem.reason, domain: problem.domain ?? DATAMANAGER_DOMAIN, metadata });
  }
  if (problem.field !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: problem.field, description: problem.description ?? problem.message, reason: problem.reason }] });
  }
  details.push({ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId });
  return { error: { code: RPC_HTTP_STATUS[problem.status], message: problem.message, status: problem.status, details } };
}

/** A contract violation in the body: always INVALID_ARGUMENT, with the field. */
export function invalidArgument(field: string, reason: string, description: string): RpcProblem {
  return { status: 'INVALID_ARGUMENT', reason, field, description, message: `${field}: ${description}` };
}
