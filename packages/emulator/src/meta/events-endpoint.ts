/**
 * `POST /{version}/{pixel_id}/events`, the Conversions API at Meta's own path. Faults first (as
 * Meta's front end would), then the version, the parameters, the access token, the
 * appsecret_proof, the pixel, and the body against reference Part A. Answers like Graph: HTTP
 * 200 `{ events_received, messages, fbtrace_id }`, or a real error status with the Graph error
 * envelope. The access token is never stored or echoed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../faults.js';
import { readBody, sendJson, sendText } from '../http.js';
import { GRAPH_ERRORS, graphErrorBody, invalidParameter, newFbtraceId, type GraphError } from './graph-error.js';
import { META_FAULT_ERRORS, edgePage, type MetaFaultKind } from './meta-faults.js';
import type { MetaRecordStore, MetaRequestRecord } from './meta-records.js';
import { readParams, type RequestParams } from './request-params.js';
import { validateEventsRequest } from './validate-events-request.js';

/** Tokens with a fixed meaning, for token-error tests without fault injection. */
export const META_RESERVED_TOKENS: Readonly<Record<string, () => GraphError>> = {
  'expired-token': GRAPH_ERRORS.tokenExpired,
  'invalid-token': GRAPH_ERRORS.tokenInvalid,
  'revoked-token': GRAPH_ERRORS.tokenRevoked,
  'no-permission-token': GRAPH_ERRORS.permission,
};

/** Any path of the shape /{version}/{pixel_id}/events whose first segment starts with `v`. */
const EVENTS_PATH = /^\/(v[^/]{0,31})\/([^/]{1,64})\/events$/;
const VERSION = /^v\d{1,2}\.\d$/;

export interface MetaEventsDeps {
  records: MetaRecordStore;
  faults: Faults<MetaFaultKind>;
  accessTokens: Set<string> | null;
  appSecret: string | null;
  pixelIds: Set<string> | null;
  requireEventId: boolean;
  /** Registers a timer so close() can cancel held requests. */
  hold: (ms: number, then: () => void) => void;
}

export function matchEventsPath(path: string): { version: string; pixelId: string } | null {
  const match = EVENTS_PATH.exec(path);
  if (!match) return null;
  let pixelId = match[2]!;
  try { pixelId = decodeURIComponent(pixelId); } catch { /* kept as sent; it fails the pixel check */ }
  return { version: match[1]!, pixelId };
}

type Info = Omit<MetaRequestRecord, 'seq' | 'at' | 'fbtraceId' | 'httpStatus' | 'code' | 'subcode' | 'message' | 'accepted' | 'faulted'>;

function infoFrom(params: RequestParams | null, target: { version: string; pixelId: string }): Info {
  const data = params?.body.data;
  const code = params?.body.test_event_code;
  return {
    pixelId: target.pixelId, apiVersion: target.version, testEventCode: typeof code === 'string' ? code : null,
    eventCount: Array.isArray(data) ? data.length : 0, tokenSource: params?.tokenSource ?? null,
    tokenInUrl: params?.tokenInUrl ?? false, appsecretProof: params?.appsecretProof != null,
  };
}

function proofMatches(appSecret: string, token: string, proof: string): boolean {
  const expected = createHmac('sha256', appSecret).update(token).digest();
  if (!/^[0-9a-fA-F]{64}$/.test(proof)) return false;
  return timingSafeEqual(expected, Buffer.from(proof, 'hex'));
}

function checkAccess(params: RequestParams, pixelId: string, deps: MetaEventsDeps): GraphError | null {
  const token = params.token;
  if (!token) return GRAPH_ERRORS.tokenMissing();
  const reserved = META_RESERVED_TOKENS[token];
  if (reserved) return reserved();
  if (deps.accessTokens && !deps.accessTokens.has(token)) return GRAPH_ERRORS.tokenInvalid();
  if (deps.appSecret !== null) {
    if (!params.appsecretProof) return GRAPH_ERRORS.proofMissing();
    if (!proofMatches(deps.appSecret, token, params.appsecretProof)) return GRAPH_ERRORS.proofInvalid();
  }
  if (!/^\d{1,20}$/.test(pixelId) || (deps.pixelIds && !deps.pixelIds.has(pixelId))) return GRAPH_ERRORS.objectNotFound(pixelId);
  return null;
}

export async function handleMetaEvents(req: IncomingMessage, res: ServerResponse, deps: MetaEventsDeps, target: { version: string; pixelId: string }): Promise<void> {
  const text = await readBody(req);
  const at = Date.now();
  const fbtraceId = newFbtraceId();
  const parsed = text === null ? null : readParams(req, text);
  const info = infoFrom(parsed?.ok ? parsed.params : null, target);
  const record = (httpStatus: number, code: number | null, subcode: number | null, message: string, accepted: boolean, faulted: string | null) =>
    deps.records.addRequest({ at, fbtraceId, httpStatus, code, subcode, message, ...info, accepted, faulted });
  const fail = (error: GraphError, faulted: string | null = null) => {
    record(error.status, error.code, error.subcode, error.userMsg ?? error.message, false, faulted);
    const headers: Record<string, string> = { 'x-fb-trace-id': fbtraceId };
    if (error.code === 190 || error.code === 104) headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${error.message}"`;
    sendJson(res, error.status, graphErrorBody(error, fbtraceId), headers);
  };

  const answer = (faulted: string | null) => {
    if (req.method !== 'POST') return fail(invalidParameter('method', `Unsupported ${req.method ?? ''} request: the events edge takes POST`));
    if (!VERSION.test(target.version)) return fail(invalidParameter('path', 'Invalid API version: expected v{major}.{minor}, e.g. v25.0'));
    if (text === null) {
      record(413, null, null, 'body too large', false, faulted);
      return sendText(res, 413, 'text/html', edgePage(413));
    }
    if (!parsed!.ok) return fail(parsed!.error);
    const params = parsed!.params;
    const denied = checkAccess(params, target.pixelId, deps);
    if (denied) return fail(denied);
    const result = validateEventsRequest(params.body, { requireEventId: deps.requireEventId, nowMs: at });
    if (!result.ok) return fail(result.error);
    deps.records.addAccepted(result.request, { at, fbtraceId, pixelId: target.pixelId, apiVersion: target.version });
    record(200, 0, null, 'OK', true, faulted);
    sendJson(res, 200, { events_received: result.request.data.length, messages: [], fbtrace_id: fbtraceId }, { 'x-fb-trace-id': fbtraceId });
  };

  const fault = deps.faults.pick();
  if (!fault) return answer(null);
  if (fault.kind === 'slow') return deps.hold(fault.delayMs, () => answer('slow'));
  const error = META_FAULT_ERRORS[fault.kind];
  if (error) return fail(error(), fault.kind);
  if (fault.kind.startsWith('http_')) {
    const status = Number(fault.kind.slice(5));
    record(status, null, null, `HTTP ${status}`, false, fault.kind);
    return sendText(res, status, 'text/html; charset=utf-8', edgePage(status));
  }
  // reset and timeout: no answer at all; the client sees a reset, or nothing until it gives up.
  record(0, null, null, fault.kind === 'reset' ? 'connection reset' : `held ${fault.delayMs} ms then reset`, false, fault.kind);
  if (fault.kind === 'reset') res.socket?.destroy();
  else deps.hold(fault.delayMs, () => res.socket?.destroy());
}
