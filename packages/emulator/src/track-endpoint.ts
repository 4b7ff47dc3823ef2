/**
 * `POST /open_api/v1.3/event/track/`: faults first (as TikTok's front end would), then the
 * token, then the body against the v1.3 contract. Answers HTTP 200 with
 * `{ code, message, request_id, data }`. The access token is never stored or echoed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CODES, MESSAGES, type Problem } from './contract/codes.js';
import { validateTrackRequest } from './contract/validate-request.js';
import type { Fault, Faults } from './faults.js';
import { nginxPage, readBody, sendJson, sendText } from './http.js';
import type { RecordStore } from './records.js';

/** Tokens with a fixed meaning, for token-error tests without fault injection. */
export const RESERVED_TOKENS: Readonly<Record<string, Problem>> = {
  'expired-token': { code: CODES.TOKEN_EXPIRED, message: MESSAGES.tokenExpired },
  'invalid-token': { code: CODES.TOKEN_INVALID, message: MESSAGES.tokenInvalid },
  'revoked-token': { code: CODES.TOKEN_INVALID, message: MESSAGES.tokenInvalid },
};

export interface TrackDeps {
  records: RecordStore;
  faults: Faults;
  nextRequestId: (now: number) => string;
  accessTokens: Set<string> | null;
  pixelIds: Set<string> | null;
  requireEventId: boolean;
  /** Registers a timer so close() can cancel held requests. */
  hold: (ms: number, then: () => void) => void;
}

const FAULT_CODES: Partial<Record<Fault['kind'], Problem>> = {
  rate_limit: { code: CODES.REQUEST_TOO_FREQUENT, message: MESSAGES.rateLimited },
  frequency_limited: { code: 40132, message: 'Request frequency limit exceeded. Please retry in some time.' },
  token_expired: { code: CODES.TOKEN_EXPIRED, message: MESSAGES.tokenExpired },
  token_invalid: { code: CODES.TOKEN_INVALID, message: MESSAGES.tokenInvalid },
  no_permission: { code: CODES.PERMISSION_ERROR, message: 'No permission to operate this pixel code. You must be an admin or operator of this pixel code.' },
  sys_error: { code: CODES.SYS_ERROR, message: MESSAGES.sysError },
};

/** Peeks at a body for the request record only (faulted requests are not validated). */
function peek(text: string | null): { pixelId: string | null; testEventCode: string | null; eventCount: number } {
  try {
    const body = JSON.parse(text ?? '') as Record<string, unknown>;
    return {
      pixelId: typeof body.event_source_id === 'string' ? body.event_source_id : null,
      testEventCode: typeof body.test_event_code === 'string' ? body.test_event_code : null,
      eventCount: Array.isArray(body.data) ? body.data.length : 0,
    };
  } catch {
    return { pixelId: null, testEventCode: null, eventCount: 0 };
  }
}

function checkToken(req: IncomingMessage, accessTokens: Set<string> | null): Problem | null {
  const header = req.headers['access-token'];
  const token = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!token) return { code: CODES.TOKEN_EMPTY, message: MESSAGES.tokenEmpty };
  const reserved = RESERVED_TOKENS[token];
  if (reserved) return reserved;
  if (accessTokens && !accessTokens.has(token)) return { code: CODES.TOKEN_INVALID, message: MESSAGES.tokenInvalid };
  return null;
}

export async function handleTrack(req: IncomingMessage, res: ServerResponse, deps: TrackDeps): Promise<void> {
  const text = await readBody(req);
  const at = Date.now();
  const requestId = deps.nextRequestId(at);
  const fault = deps.faults.pick();
  if (fault && fault.kind !== 'slow') return applyFault(fault, text, at, requestId, res, deps);
  if (fault) {
    deps.hold(fault.delayMs, () => answer(req, res, text, at, requestId, deps, 'slow'));
    return;
  }
  answer(req, res, text, at, requestId, deps, null);
}

function answer(req: IncomingMessage, res: ServerResponse, text: string | null, at: number, requestId: string, deps: TrackDeps, faulted: string | null): void {
  const reply = (problem: Problem, info = peek(text)) => {
    deps.records.addRequest({ at, requestId, httpStatus: 200, code: problem.code, message: problem.message, ...info, accepted: false, faulted });
    sendJson(res, 200, { code: problem.code, message: problem.message, request_id: requestId, data: {} }, { 'x-tt-logid': requestId });
  };
  const tokenProblem = checkToken(req, deps.accessTokens);
  if (tokenProblem) return reply(tokenProblem);
  if (text === null) {
    deps.records.addRequest({ at, requestId, httpStatus: 413, code: null, message: 'body too large', pixelId: null, testEventCode: null, eventCount: 0, accepted: false, faulted });
    return sendText(res, 413, 'text/html', nginxPage(413));
  }
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().includes('application/json')) {
    return reply({ code: CODES.PARAM_ERROR, message: 'header Content-Type: must be application/json' });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return reply({ code: CODES.PARAM_ERROR, message: 'body: Invalid JSON' }, { pixelId: null, testEventCode: null, eventCount: 0 });
  }
  const result = validateTrackRequest(body, { requireEventId: deps.requireEventId });
  if (!result.ok) return reply(result);
  const request = result.request;
  if (deps.pixelIds && !deps.pixelIds.has(request.event_source_id)) {
    return reply({ code: CODES.PERMISSION_ERROR, message: MESSAGES.noPermission(request.event_source_id) });
  }
  deps.records.addAccepted(request, at, requestId);
  deps.records.addRequest({
    at, requestId, httpStatus: 200, code: CODES.OK, message: MESSAGES.ok, pixelId: request.event_source_id,
    testEventCode: request.test_event_code ?? null, eventCount: request.data.length, accepted: true, faulted,
  });
  sendJson(res, 200, { code: CODES.OK, message: MESSAGES.ok, request_id: requestId, data: {} }, { 'x-tt-logid': requestId });
}

function applyFault(fault: Fault, text: string | null, at: number, requestId: string, res: ServerResponse, deps: TrackDeps): void {
  const info = peek(text);
  const problem = FAULT_CODES[fault.kind];
  if (problem) {
    deps.records.addRequest({ at, requestId, httpStatus: 200, code: problem.code, message: problem.message, ...info, accepted: false, faulted: fault.kind });
    return sendJson(res, 200, { code: problem.code, message: problem.message, request_id: requestId, data: {} }, { 'x-tt-logid': requestId });
  }
  if (fault.kind.startsWith('http_')) {
    const status = Number(fault.kind.slice(5));
    deps.records.addRequest({ at, requestId, httpStatus: status, code: null, message: `HTTP ${status}`, ...info, accepted: false, faulted: fault.kind });
    return sendText(res, status, 'text/html', nginxPage(status), status === 429 ? { 'retry-after': '1' } : {});
  }
  // reset and timeout: no answer at all; the client sees a reset, or nothing until it gives up.
  deps.records.addRequest({ at, requestId, httpStatus: 0, code: null, message: fault.kind === 'reset' ? 'connection reset' : `held ${fault.delayMs} ms then reset`, ...info, accepted: false, faulted: fault.kind });
  if (fault.kind === 'reset') res.socket?.destroy();
  else deps.hold(fault.delayMs, () => res.socket?.destroy());
}
