/**
 * What the Google stand-in saw: every Data Manager request, every accepted event (compact,
 * one record per event and destination), every token request, every gtag call, and the
 * per-request processing status `requestStatus:retrieve` answers. Access tokens and key
 * material are never stored here.
 */
import type { ConsentValues, IngestFacts } from './contract/types.js';
import type { GtagCall } from './gtag/gtag-call.js';

export interface GoogleAcceptedEvent {
  seq: number;
  /** Arrival time, ms since the epoch. */
  at: number;
  requestId: string;
  /** True when the request had `validateOnly: true`: validated, not ingested, not counted. */
  validateOnly: boolean;
  operatingAccount: string;
  loginAccount: string | null;
  /** `productDestinationId`: the conversion action id. */
  conversionAction: string;
  destinationReference: string | null;
  /** The pairing key with the tag's `transaction_id`. */
  transactionId: string | null;
  /** As sent (RFC 3339). */
  eventTimestamp: string;
  /** The same instant in ms since the epoch. */
  eventTime: number;
  eventSource: string | null;
  conversionValue: number | null;
  currency: string | null;
  /** Which user identifier kinds were present (booleans only). */
  identifiers: { email: boolean; phone: boolean; address: boolean };
  adIdentifiers: { gclid: boolean; gbraid: boolean; wbraid: boolean };
  gclid: string | null;
  /** Effective consent: the event's values, else the request's, else null. */
  consent: ConsentValues;
  ipAddress: boolean;
  userAgent: boolean;
  /** True when this conversion action already had this transactionId (reported as DUPLICATE_TRANSACTION_ID). */
  duplicate: boolean;
  /** The event as received (hashed identifiers only), for the most recent `detailLimit` events. */
  body?: Record<string, unknown>;
}

export interface GoogleRequestRecord {
  seq: number;
  at: number;
  requestId: string;
  method: 'ingest' | 'requestStatus';
  httpStatus: number;
  /** google.rpc status, `OK`, or null for a reset / timeout / HTML answer. */
  status: string | null;
  reason: string | null;
  message: string;
  field: string | null;
  eventCount: number;
  destinationCount: number;
  validateOnly: boolean;
  accepted: boolean;
  faulted: string | null;
}

export interface TokenRequestRecord {
  seq: number;
  at: number;
  httpStatus: number;
  ok: boolean;
  /** OAuth error code (`invalid_grant`…), or null. */
  error: string | null;
  description: string | null;
  faulted: string | null;
}

export interface DuplicateTransaction { conversionAction: string; transactionId: string; count: number }

export interface GoogleTotals {
  /** events:ingest requests (requestStatus calls are counted in statusRequests). */
  requests: number;
  acceptedRequests: number;
  rejectedRequests: number;
  faultedRequests: number;
  statusRequests: number;
  /** Ingested events (validateOnly ones not included). */
  events: number;
  validateOnlyEvents: number;
  duplicateAcceptances: number;
  tokenRequests: number;
  tokensIssued: number;
  tagCalls: number;
}

export interface GoogleRecords {
  totals: GoogleTotals;
  requests: GoogleRequestRecord[];
  events: GoogleAcceptedEvent[];
  tag: GtagCall[];
  tokenRequests: TokenRequestRecord[];
  duplicates: DuplicateTransaction[];
}

export interface DestinationStatus {
  destination: Record<string, unknown>;
  recordCount: number;
  errors: Map<string, number>;
  failed: number;
}

export interface RequestStatus { destinations: DestinationStatus[]; pending: boolean }

export interface GoogleRecordStore {
  addRequest(record: Omit<GoogleRequestRecord, 'seq'>): void;
  addTokenRequest(record: Omit<TokenRequestRecord, 'seq'>): void;
  addTagCall(call: GtagCall): void;
  /** Records a validated request; for a real (not validateOnly) one also its processing status. */
  addAccepted(facts: IngestFacts, at: number, requestId: string): void;
  status(requestId: string): RequestStatus | undefined;
  acceptances(conversionAction: string, transactionId: string): number;
  events(): GoogleAcceptedEvent[];
  tagCalls(): readonly GtagCall[];
  requests(): readonly GoogleRequestRecord[];
  snapshot(tokensIssued: number): GoogleRecords;
  reset(): void;
}

const SEP = '\u0000';

function effective(event: ConsentValues, request: ConsentValues): ConsentValues {
  return { adUserData: event.adUserData ?? request.adUserData, adPersonalization: event.adPersonalization ?? request.adPersonalization };
}

export function createGoogleRecordStore(detailLimit: number): GoogleRecordStore {
  let requests: GoogleRequestRecord[] = [];
  let tokenRequests: TokenRequestRecord[] = [];
  let tag: GtagCall[] = [];
  let events: GoogleAcceptedEvent[] = [];
  let statuses = new Map<string, RequestStatus>();
  let counts = new Map<string, number>();
  let ingestRequests = 0;
  let acceptedRequests = 0;
  let faultedRequests = 0;
  let ingested = 0;
  let duplicateAcceptances = 0;

  return {
    addRequest(record) {
      requests.push({ seq: requests.length + 1, ...record });
      if (record.method !== 'ingest') return;
      ingestRequests++;
      if (record.accepted) acceptedRequests++;
      else if (record.faulted) faultedRequests++;
    },
    addTokenRequest(record) {
      tokenRequests.push({ seq: tokenRequests.length + 1, ...record });
    },
    addTagCall(call) {
      tag.push(call);
    },
    addAccepted(facts, at, requestId) {
      const perDestination: DestinationStatus[] = facts.destinations.map((d) => ({ destination: d.raw, recordCount: 0, errors: new Map(), failed: 0 }));
      const bump = (s: DestinationStatus, reason: string) => s.errors.set(reason, (s.errors.get(reason) ?? 0) + 1);
      for (const e of facts.events) {
        const consent = effective(e.consent, facts.consent);
        for (const index of e.destinations) {
          const d = facts.destinations[index]!;
          let duplicate = false;
          if (!facts.validateOnly) {
            const status = perDestination[index]!;
            status.recordCount++;
            if (e.transactionId !== null) {
              const key = d.conversionAction + SEP + e.transactionId;
              const count = (counts.get(key) ?? 0) + 1;
              counts.set(key, count);
              duplicate = count > 1;
              if (duplicate) { duplicateAcceptances++; bump(status, 'PROCESSING_ERROR_REASON_DUPLICATE_TRANSACTION_ID'); }
            }
            const denied = consent.adUserData === 'CONSENT_DENIED';
            if (denied) bump(status, 'PROCESSING_ERROR_REASON_DENIED_CONSENT');
            if (duplicate || denied) status.failed++;
            ingested++;
          }
          events.push({
            seq: events.length + 1, at, requestId, validateOnly: facts.validateOnly,
            operatingAccount: d.operatingAccount, loginAccount: d.loginAccount, conversionAction: d.conversionAction, destinationReference: d.reference,
            transactionId: e.transactionId, eventTimestamp: e.eventTimestamp, eventTime: e.eventTime, eventSource: e.eventSource,
            conversionValue: e.conversionValue, currency: e.currency, identifiers: { ...e.identifiers },
            adIdentifiers: { gclid: e.gclid !== null, gbraid: e.gbraid, wbraid: e.wbraid }, gclid: e.gclid,
            consent, ipAddress: e.ipAddress, userAgent: e.userAgent, duplicate,
            body: detailLimit > 0 ? e.raw : undefined,
          });
          const old = events.length - 1 - detailLimit;
          if (old >= 0 && detailLimit > 0) delete events[old]!.body;
        }
      }
      if (!facts.validateOnly) statuses.set(requestId, { destinations: perDestination, pending: false });
    },
    status: (requestId) => statuses.get(requestId),
    acceptances: (conversionAction, transactionId) => counts.get(conversionAction + SEP + transactionId) ?? 0,
    events: () => events.map((e) => ({ ...e })),
    tagCalls: () => tag,
    requests: () => requests,
    snapshot(tokensIssued) {
      const duplicates: DuplicateTransaction[] = [];
      if (duplicateAcceptances > 0) {
        for (const [key, count] of counts) {
          if (count < 2) continue;
          const [conversionAction = '', transactionId = ''] = key.split(SEP);
          duplicates.push({ conversionAction, transactionId, count });
        }
      }
      const totals: GoogleTotals = {
        requests: ingestRequests, acceptedRequests, rejectedRequests: ingestRequests - acceptedRequests - faultedRequests, faultedRequests,
        statusRequests: requests.length - ingestRequests,
        events: ingested, validateOnlyEvents: events.length - ingested, duplicateAcceptances,
        tokenRequests: tokenRequests.length, tokensIssued, tagCalls: tag.length,
      };
      return { totals, requests: requests.slice(), events: events.map((e) => ({ ...e })), tag: tag.slice(), tokenRequests: tokenRequests.slice(), duplicates };
    },
    reset() {
      requests = []; tokenRequests = []; tag = []; events = []; statuses = new Map(); counts = new Map();
      ingestRequests = 0; acceptedRequests = 0; faultedRequests = 0; ingested = 0; duplicateAcceptances = 0;
    },
  };
}
