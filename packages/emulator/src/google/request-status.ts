/**
 * `GET /v1/requestStatus:retrieve?requestId=…`: the asynchronous side of Data Manager. Per
 * destination of an ingested request: SUCCESS / PARTIAL_SUCCESS / FAILED (or PROCESSING while
 * a test holds it), the record count, and `errorInfo.errorCounts` for duplicate transaction
 * ids, denied ad_user_data consent and injected processing errors. int64 counts are strings,
 * as proto JSON writes them. validateOnly, rejected and unknown request ids get
 * INVALID_REQUEST_ID.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.js';
import { checkBearer } from './auth.js';
import { sendRpc } from './ingest-endpoint.js';
import type { GoogleRecordStore, RequestStatus } from './records.js';
import { invalidArgument, RPC_HTTP_STATUS, type RpcProblem } from './rpc-error.js';
import type { TokenStore } from './tokens.js';

export const RETRIEVE_METHOD = 'google.ads.datamanager.v1.IngestionService.RetrieveRequestStatus';

/** A processing error a test adds, as Google would report it later. */
export interface ProcessingErrorSpec {
  /** A ProcessingErrorReason, e.g. `PROCESSING_ERROR_REASON_EVENT_TOO_OLD`. */
  reason: string;
  /** How many records it hits (default: every record of the destination). */
  recordCount?: number;
  /** Which request (default: the next ingested one). */
  requestId?: string;
  /** Which destination, by conversion action id (default: every destination of the request). */
  conversionAction?: string;
}

export interface RequestStatusDeps {
  records: GoogleRecordStore;
  tokens: TokenStore;
  nextRequestId: () => string;
}

export function checkProcessingError(spec: ProcessingErrorSpec): ProcessingErrorSpec {
  if (typeof spec !== 'object' || spec === null) throw new Error('processing error: expected { reason, recordCount?, requestId?, conversionAction? }');
  if (typeof spec.reason !== 'string' || !/^PROCESSING_(ERROR_REASON_)?[A-Z_]+$/.test(spec.reason)) {
    throw new Error('processing error.reason: expected a ProcessingErrorReason such as PROCESSING_ERROR_REASON_EVENT_TOO_OLD');
  }
  if (spec.recordCount !== undefined && (!Number.isInteger(spec.recordCount) || spec.recordCount < 1)) throw new Error('processing error.recordCount: expected a positive integer');
  return spec;
}

export function applyProcessingError(status: RequestStatus, spec: ProcessingErrorSpec): void {
  for (const d of status.destinations) {
    if (spec.conversionAction !== undefined && d.destination.productDestinationId !== spec.conversionAction) continue;
    const count = Math.min(spec.recordCount ?? d.recordCount, d.recordCount);
    if (count === 0) continue;
    d.errors.set(spec.reason, (d.errors.get(spec.reason) ?? 0) + count);
    d.failed = Math.min(d.recordCount, d.failed + count);
  }
}

export function statusBody(status: RequestStatus): unknown {
  return {
    requestStatusPerDestination: status.destinations.map((d) => {
      const requestStatus = status.pending ? 'PROCESSING' : d.failed === 0 ? 'SUCCESS' : d.failed >= d.recordCount ? 'FAILED' : 'PARTIAL_SUCCESS';
      const out: Record<string, unknown> = { destination: d.destination, requestStatus };
      if (!status.pending && d.errors.size > 0) {
        out.errorInfo = { errorCounts: [...d.errors].map(([reason, count]) => ({ recordCount: String(count), reason })) };
      }
      out.eventsIngestionStatus = { recordCount: String(d.recordCount) };
      return out;
    }),
  };
}

export function handleRequestStatus(req: IncomingMessage, res: ServerResponse, deps: RequestStatusDeps): void {
  const at = Date.now();
  const ownId = deps.nextRequestId();
  const refuse = (problem: RpcProblem) => {
    deps.records.addRequest({
      at, requestId: ownId, method: 'requestStatus', httpStatus: RPC_HTTP_STATUS[problem.status], status: problem.status, reason: problem.reason, message: problem.message,
      field: problem.field ?? null, eventCount: 0, destinationCount: 0, validateOnly: false, accepted: false, faulted: null,
    });
    sendRpc(res, { method: RETRIEVE_METHOD, ...problem }, ownId);
  };
  const authProblem = checkBearer(req, deps.tokens, RETRIEVE_METHOD, at);
  if (authProblem) return refuse(authProblem);
  const url = req.url ?? '';
  const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  const requestId = query.get('requestId') ?? query.get('request_id');
  if (!requestId) return refuse(invalidArgument('requestId', 'REQUIRED_FIELD_MISSING', 'required: the requestId an events:ingest call answered'));
  const status = deps.records.status(requestId);
  if (!status) {
    return refuse(invalidArgument('requestId', 'INVALID_REQUEST_ID', 'unknown request id: status can only be retrieved for requests that succeeded without validateOnly'));
  }
  deps.records.addRequest({
    at, requestId: ownId, method: 'requestStatus', httpStatus: 200, status: 'OK', reason: null, message: `status of ${requestId}`,
    field: null, eventCount: 0, destinationCount: status.destinations.length, validateOnly: false, accepted: true, faulted: null,
  });
  sendJson(res, 200, statusBody(status));
}
