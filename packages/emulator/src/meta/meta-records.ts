/**
 * What the Meta stand-in saw: every Conversions API request, every accepted event (compact),
 * every `fbq` call, and acceptance counts per dedup key (pixel id + event_name + event_id).
 * Field names follow the TikTok records (`pixelId`, `event`, `eventId`, `at`, `eventTime`,
 * `testEventCode`) so one pairing can read both destinations. No token is ever stored.
 */
import type { MetaEventsRequest, MetaServerEvent } from './capi-types.js';
import { HASHED_KEYS } from './validate-user-data.js';
import type { TokenSource } from './request-params.js';
import type { MetaPixelCall } from './pixel-call.js';

export const META_MATCH_KEYS = [...HASHED_KEYS, 'client_ip_address', 'client_user_agent', 'fbc', 'fbp'] as const;
export type MetaMatchKey = (typeof META_MATCH_KEYS)[number];
export type MetaMatchKeyFlags = Record<MetaMatchKey, boolean>;

export interface MetaAcceptedEvent {
  seq: number;
  /** Arrival time, ms since the epoch. */
  at: number;
  fbtraceId: string;
  testEventCode: string | null;
  pixelId: string;
  /** The path's version, e.g. `v25.0`. */
  apiVersion: string;
  /** Meta's `event_name`, as sent (same field name as the TikTok records). */
  event: string;
  eventId: string | null;
  /** As sent: integer Unix seconds. */
  eventTime: number;
  actionSource: string;
  eventSourceUrl: string;
  /** Which user_data keys the event carried (booleans only). */
  keys: MetaMatchKeyFlags;
  /** Raw fbc / fbp values (click and browser ids, not contact data). */
  fbc: string | null;
  fbp: string | null;
  /** data_processing_options is ["LDU"]. */
  limitedDataUse: boolean;
  lduCountry: number | null;
  lduState: number | null;
  optOut: boolean | null;
  /** The event as received (hashed values only), kept for the most recent `detailLimit` events. */
  body?: MetaServerEvent;
}

export interface MetaRequestRecord {
  seq: number;
  at: number;
  fbtraceId: string;
  httpStatus: number;
  /** Graph error code; 0 for success; null when the answer was not a Graph body (edge page, reset, timeout). */
  code: number | null;
  subcode: number | null;
  /** Graph's `error_user_msg` (or `message`); never a value from the request. */
  message: string;
  pixelId: string | null;
  apiVersion: string | null;
  testEventCode: string | null;
  /** Events in the body (0 when it could not be read). */
  eventCount: number;
  accepted: boolean;
  faulted: string | null;
  /** Where the access token came from; never the token itself. */
  tokenSource: TokenSource | null;
  tokenInUrl: boolean;
  appsecretProof: boolean;
}

export interface MetaDuplicateKey { pixelId: string; event: string; eventId: string; count: number }

export interface MetaTotals {
  requests: number;
  acceptedRequests: number;
  rejectedRequests: number;
  faultedRequests: number;
  /** Requests that carried access_token in the query string. */
  tokenInUrl: number;
  events: number;
  uniqueKeys: number;
  duplicateAcceptances: number;
  pixelCalls: number;
}

export interface MetaRecords {
  totals: MetaTotals;
  requests: MetaRequestRecord[];
  events: MetaAcceptedEvent[];
  pixel: MetaPixelCall[];
  /** Dedup keys accepted more than once (Meta would discard the later copies within 48 h). */
  duplicates: MetaDuplicateKey[];
}

export interface MetaRecordStore {
  addRequest(record: Omit<MetaRequestRecord, 'seq'>): void;
  addAccepted(request: MetaEventsRequest, meta: { at: number; fbtraceId: string; pixelId: string; apiVersion: string }): void;
  addPixelCall(call: MetaPixelCall): void;
  acceptances(pixelId: string, event: string, eventId: string): number;
  snapshot(summary: boolean): MetaRecords;
  events(): readonly MetaAcceptedEvent[];
  requests(): readonly MetaRequestRecord[];
  pixelCalls(): readonly MetaPixelCall[];
  reset(): void;
}

const SEP = '\u0000';

function present(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.length > 0;
}

function keyFlags(userData: Record<string, unknown>): MetaMatchKeyFlags {
  const flags = {} as MetaMatchKeyFlags;
  for (const key of META_MATCH_KEYS) flags[key] = present(userData[key]);
  return flags;
}

export function createMetaRecordStore(detailLimit: number): MetaRecordStore {
  let requests: MetaRequestRecord[] = [];
  let events: MetaAcceptedEvent[] = [];
  let pixel: MetaPixelCall[] = [];
  let counts = new Map<string, number>();
  let uniqueKeys = 0;
  let duplicateAcceptances = 0;

  return {
    addRequest(record) {
      requests.push({ seq: requests.length + 1, ...record });
    },
    addAccepted(request, { at, fbtraceId, pixelId, apiVersion }) {
      const testEventCode = request.test_event_code ?? null;
      for (const e of request.data) {
        const eventId = e.event_id ?? null;
        if (eventId !== null) {
          const key = pixelId + SEP + e.event_name + SEP + eventId;
          const count = (counts.get(key) ?? 0) + 1;
          counts.set(key, count);
          if (count === 1) uniqueKeys++;
          else duplicateAcceptances++;
        }
        const userData = e.user_data as Record<string, unknown>;
        const record: MetaAcceptedEvent = {
          seq: events.length + 1, at, fbtraceId, testEventCode, pixelId, apiVersion, event: e.event_name, eventId,
          eventTime: e.event_time, actionSource: e.action_source, eventSourceUrl: e.event_source_url, keys: keyFlags(userData),
          fbc: e.user_data.fbc ?? null, fbp: e.user_data.fbp ?? null,
          limitedDataUse: e.data_processing_options?.[0] === 'LDU',
          lduCountry: e.data_processing_options_country ?? null, lduState: e.data_processing_options_state ?? null,
          optOut: e.opt_out ?? null,
        };
        if (detailLimit > 0) record.body = e;
        events.push(record);
        const old = events.length - 1 - detailLimit;
        if (old >= 0 && detailLimit > 0) delete events[old]!.body;
      }
    },
    addPixelCall(call) {
      pixel.push(call);
    },
    acceptances(pixelId, event, eventId) {
      return counts.get(pixelId + SEP + event + SEP + eventId) ?? 0;
    },
    snapshot(summary) {
      const duplicates: MetaDuplicateKey[] = [];
      if (duplicateAcceptances > 0) {
        for (const [key, count] of counts) {
          if (count < 2) continue;
          const [pixelId = '', event = '', eventId = ''] = key.split(SEP);
          duplicates.push({ pixelId, event, eventId, count });
        }
      }
      const accepted = requests.filter((r) => r.accepted).length;
      const faulted = requests.filter((r) => r.faulted && !r.accepted).length;
      const totals: MetaTotals = {
        requests: requests.length, acceptedRequests: accepted, rejectedRequests: requests.length - accepted - faulted, faultedRequests: faulted,
        tokenInUrl: requests.filter((r) => r.tokenInUrl).length, events: events.length, uniqueKeys, duplicateAcceptances, pixelCalls: pixel.length,
      };
      if (summary) return { totals, requests: [], events: [], pixel: [], duplicates };
      return { totals, requests: requests.slice(), events: events.map((e) => ({ ...e })), pixel: pixel.slice(), duplicates };
    },
    events: () => events,
    requests: () => requests,
    pixelCalls: () => pixel,
    reset() {
      requests = []; events = []; pixel = []; counts = new Map(); uniqueKeys = 0; duplicateAcceptances = 0;
    },
  };
}
