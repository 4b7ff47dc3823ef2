/**
 * `POST /v1/events:ingest` at Google's own path: faults first (as Google's front end would),
 * then the bearer token, then the body against the Data Manager contract, then the accounts
 * the stand-in was told about. Answers `{ requestId }` or a google.rpc error. Fast-fail: a
 * rejected request ingests nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, Faults } from '../faults.js';
import { readBody, sendJson, sendText } from '../http.js';
import { checkBearer, WWW_AUTHENTICATE } from './auth.js';
import type { IngestFacts } from './contract/types.js';
import type { EventOptions } from './contract/validate-event.js';
import { validateIngestRequest } from './contract/validate-ingest.js';
import type { GoogleRecordStore } from './records.js';
import { invalidArgument, rpcErrorBody, RPC_HTTP_STATUS, type RpcProblem } from './rpc-error.js';
import type { TokenStore } from './tokens.js';

export const INGEST_METHOD = 'google.ads.datamanager.v1.IngestionService.IngestEvents';

export interface IngestDeps {
  records: GoogleRecordStore;
  tokens: TokenStore;
  faults: Faults;
  nextRequestId: () => string;
  operatingAccounts: ReadonlySet<string> | null;
  conversionActions: ReadonlySet<string> | null;
  eventOptions: EventOptions;
  hold: (ms: number, then: () => void) => void;
  /** Called after a real (not validateOnly) request was ingested, to apply queued processing errors. */
  ingested: (requestId: string) => void;
}

/** google.rpc answers for injected faults; a null reason means no ErrorInfo (as a 503 from the front end). */
const FAULT_PROBLEMS: Partial<Record<Fault['kind'], RpcProblem>> = {
  rate_limit: { status: 'RESOURCE_EXHAUSTED', reason: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
  frequency_limited: { status: 'RESOURCE_EXHAUSTED', reason: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
  http_429: { status: 'RESOURCE_EXHAUSTED', reason: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
  sys_error: { status: 'INTERNAL', reason: 'INTERNAL_ERROR', message: 'Internal error encountered.' },
  http_500: { status: 'INTERNAL', reason: 'INTERNAL_ERROR', message: 'Internal error encountered.' },
  http_503: { status: 'UNAVAILABLE', reason: null, message: 'The service is currently unavailable.' },
  http_504: { status: 'DEADLINE_EXCEEDED', reason: 'DEADLINE_EXCEEDED', message: 'The request took too long to respond.' },
  token_expired: { status: 'UNAUTHENTICATED', reason: 'ACCESS_TOKEN_EXPIRED', domain: 'googleapis.com', message: 'Request had invalid authentication credentials. The access token has expired. (injected)' },
  token_invalid: { status: 'UNAUTHENTICATED', reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED', domain: 'googleapis.com', message: 'Request had invalid authentication credentials. (injected)' },
  no_permission: { status: 'PERMISSION_DENIED', reason: 'PERMISSION_DENIED', message: 'The caller does not have permission. (injected)' },
};

interface Peek { eventCount: number; destinationCount: number; validateOnly: boolean }

function peek(text: string | null): Peek {
  try {
    const b = JSON.parse(text ?? '') as Record<string, unknown>;
    return { eventCount: Array.isArray(b.events) ? b.events.length : 0, destinationCount: Array.isArray(b.destinations) ? b.destinations.length : 0, validateOnly: b.validateOnly === true };
  } catch {
    return { eventCount: 0, destinationCount: 0, validateOnly: false };
  }
}

export function sendRpc(res: ServerResponse, problem: RpcProblem, requestId: string): void {
  const headers = problem.status === 'UNAUTHENTICATED' ? WWW_AUTHENTICATE : {};
  sendJson(res, RPC_HTTP_STATUS[problem.status], rpcErrorBody(problem, requestId), headers);
}

export async function handleIngest(req: IncomingMessage, res: ServerResponse, deps: IngestDeps): Promise<void> {
  const text = await readBody(req);
  const at = Date.now();
  const requestId = deps.nextRequestId();
  const fault = deps.faults.pick();
  if (fault && fault.kind !== 'slow') return applyFault(fault, text, at, requestId, res, deps);
  if (fault) return deps.hold(fault.delayMs, () => answer(req, res, text, at, requestId, deps, 'slow'));
  answer(req, res, text, at, requestId, deps, null);
}

function accountProblem(facts: IngestFacts, deps: IngestDeps): RpcProblem | null {
  for (let i = 0; i < facts.destinations.length; i++) {
    const d = facts.destinations[i]!;
    if (deps.operatingAccounts && !deps.operatingAccounts.has(d.operatingAccount)) {
      return {
        status: 'PERMISSION_DENIED', reason: 'PERMISSION_DENIED', field: `destinations[${i}].operatingAccount.accountId`, method: INGEST_METHOD,
        message: `destinations[${i}].operatingAccount.accountId: the caller does not have permission on this Google Ads account (or it does not exist)`,
      };
    }
    if (deps.conversionActions && !deps.conversionActions.has(d.conversionAction)) {
      return invalidArgument(`destinations[${i}].productDestinationId`, 'INVALID_CONVERSION_ACTION_ID', 'no such conversion action in the operating account');
    }
  }
  return null;
}

function answer(req: IncomingMessage, res: ServerResponse, text: string | null, at: number, requestId: string, deps: IngestDeps, faulted: string | null): void {
  const refuse = (problem: RpcProblem, info: Peek = peek(text)) => {
    const withMethod = { method: INGEST_METHOD, ...problem };
    deps.records.addRequest({
      at, requestId, method: 'ingest', httpStatus: RPC_HTTP_STATUS[problem.status], status: problem.status, reason: problem.reason,
      message: problem.message, field: problem.field ?? null, ...info, accepted: false, faulted,
    });
    sendRpc(res, withMethod, requestId);
  };
  const authProblem = checkBearer(req, deps.tokens, INGEST_METHOD, at);
  if (authProblem) return refuse(authProblem);
  if (text === null) {
    deps.records.addRequest({ at, requestId, method: 'ingest', httpStatus: 413, status: null, reason: null, message: 'body too large', field: null, eventCount: 0, destinationCount: 0, validateOnly: false, accepted: false, faulted });
    return sendText(res, 413, 'text/html; charset=utf-8', '<!DOCTYPE html><title>Error 413</title><p><b>413.</b> That\'s an error. Your client issued a request that was too large.');
  }
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return refuse(invalidArgument('body', 'INVALID_ARGUMENT', 'Invalid JSON payload received: Content-Type must be application/json'));
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(invalidArgument('body', 'INVALID_ARGUMENT', 'Invalid JSON payload received: not valid JSON'), { eventCount: 0, destinationCount: 0, validateOnly: false });
  }
  const result = validateIngestRequest(body, deps.eventOptions);
  if (!result.ok) return refuse(result.problem);
  const facts = result.facts;
  const denied = accountProblem(facts, deps);
  if (denied) return refuse(denied);
  deps.records.addAccepted(facts, at, requestId);
  deps.records.addRequest({
    at, requestId, method: 'ingest', httpStatus: 200, status: 'OK', reason: null, message: facts.validateOnly ? 'validated (validateOnly: nothing ingested)' : 'ingested',
    field: null, eventCount: facts.events.length, destinationCount: facts.destinations.length, validateOnly: facts.validateOnly, accepted: true, faulted,
  });
  if (!facts.validateOnly) deps.ingested(requestId);
  sendJson(res, 200, { requestId });
}

function applyFault(fault: Fault, text: string | null, at: number, requestId: string, res: ServerResponse, deps: IngestDeps): void {
  const info = peek(text);
  const problem = FAULT_PROBLEMS[fault.kind];
  const base = { at, requestId, method: 'ingest' as const, field: null, ...info, accepted: false, faulted: fault.kind };
  if (problem) {
    deps.records.addRequest({ ...base, httpStatus: RPC_HTTP_STATUS[problem.status], status: problem.status, reason: problem.reason, message: problem.message });
    return sendRpc(res, { method: INGEST_METHOD, ...problem }, requestId);
  }
  if (fault.kind.startsWith('http_')) {
    const status = Number(fault.kind.slice(5));
    deps.records.addRequest({ ...base, httpStatus: status, status: null, reason: null, message: `HTTP ${status}` });
    return sendText(res, status, 'text/html; charset=utf-8', `<!DOCTYPE html><title>Error ${status}</title><p><b>${status}.</b> That's an error.`);
  }
  deps.records.addRequest({ ...base, httpStatus: 0, status: null, reason: null, message: fault.kind === 'reset' ? 'connection reset' : `held ${fault.delayMs} ms then reset` });
  if (fault.kind === 'reset') res.socket?.destroy();
  else deps.hold(fault.delayMs, () => res.socket?.destroy());
}
