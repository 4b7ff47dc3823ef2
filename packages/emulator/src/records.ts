/**
 * What the stand-in saw: every Events API request, every accepted event (compact), every
 * pixel call, and acceptance counts per dedup key (pixel id + event + event_id). Built for
 * 100k+ events: accepted events are small flat objects and only the most recent
 * `detailLimit` keep the full event body.
 */
import type { TrackEvent, TrackRequest } from './contract/types.js';
import type { PixelCall } from './pixel/pixel-call.js';

export const MATCH_KEYS = ['email', 'phone', 'external_id', 'ttclid', 'ttp', 'ip', 'user_agent'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];
export type MatchKeyFlags = Record<MatchKey, boolean>;

export interface AcceptedEvent {
  seq: number;
  /** Arrival time, ms since the epoch. */
  at: number;
  requestId: string;
  testEventCode: string | null;
  pixelId: string;
  event: string;
  eventId: string | null;
  /** As sent: integer Unix seconds. */
  eventTime: number;
  /** Which match keys the event carried (booleans only). */
  keys: MatchKeyFlags;
  /** user.ttclid / user.ttp values, while the body is kept (the most recent `detailLimit` events); else null. */
  ttclid: string | null;
  ttp: string | null;
  limitedDataUse: boolean | null;
  /** `properties.ad_user_data` / `ad_personalization` when the sender added them (not TikTok fields). */
  adUserData: unknown;
  adPersonalization: unknown;
  /** The event as received, kept only for the most recent `detailLimit` events. */
  body?: TrackEvent;
}

export interface RequestRecord {
  seq: number;
  at: number;
  requestId: string;
  httpStatus: number;
  /** TikTok code answered; null when the answer was not a TikTok body (HTTP 5xx, reset, timeout). */
  code: number | null;
  message: string;
  pixelId: string | null;
  testEventCode: string | null;
  /** Events in the body (0 when it could not be parsed). */
  eventCount: number;
  accepted: boolean;
  /** The injected fault kind, or null. */
  faulted: string | null;
}

export interface DuplicateKey { pixelId: string; event: string; eventId: string; count: number }

export interface Totals {
  requests: number;
  acceptedRequests: number;
  rejectedRequests: number;
  faultedRequests: number;
  events: number;
  uniqueKeys: number;
  duplicateAcceptances: number;
  pixelCalls: number;
}

export interface EmulatorRecords {
  totals: Totals;
  requests: RequestRecord[];
  events: AcceptedEvent[];
  pixel: PixelCall[];
  /** Dedup keys accepted more than once (TikTok would drop the later copies within 48 h). */
  duplicates: DuplicateKey[];
}

const SEP = '\u0000';

/** What is kept per accepted event: flat, small values; match keys as a bitmask. */
interface StoredEvent {
  seq: number;
  at: number;
  requestId: string;
  testEventCode: string | null;
  pixelId: string;
  event: string;
  eventId: string | null;
  eventTime: number;
  keys: number;
  /** 0 absent, 1 false, 2 true. */
  ldu: number;
  adUserData: unknown;
  adPersonalization: unknown;
  body: TrackEvent | undefined;
}

function present(value: string | string[] | undefined): boolean {
  return Array.isArray(value) ? value.length > 0 : !!value;
}

function keyBits(event: TrackEvent): number {
  const u = event.user;
  if (!u) return 0;
  return (present(u.email) ? 1 : 0) | (present(u.phone) ? 2 : 0) | (present(u.external_id) ? 4 : 0)
    | (u.ttclid ? 8 : 0) | (u.ttp ? 16 : 0) | (u.ip ? 32 : 0) | (u.user_agent ? 64 : 0);
}

function expandKeys(bits: number): MatchKeyFlags {
  return {
    email: (bits & 1) !== 0, phone: (bits & 2) !== 0, external_id: (bits & 4) !== 0, ttclid: (bits & 8) !== 0,
    ttp: (bits & 16) !== 0, ip: (bits & 32) !== 0, user_agent: (bits & 64) !== 0,
  };
}

function toPublic(e: StoredEvent): AcceptedEvent {
  const out: AcceptedEvent = {
    seq: e.seq, at: e.at, requestId: e.requestId, testEventCode: e.testEventCode, pixelId: e.pixelId, event: e.event,
    eventId: e.eventId, eventTime: e.eventTime, keys: expandKeys(e.keys),
    ttclid: e.body?.user?.ttclid ?? null, ttp: e.body?.user?.ttp ?? null,
    limitedDataUse: e.ldu === 0 ? null : e.ldu === 2, adUserData: e.adUserData, adPersonalization: e.adPersonalization,
  };
  if (e.body) out.body = e.body;
  return out;
}

export interface RecordStore {
  addRequest(record: Omit<RequestRecord, 'seq'>): void;
  addAccepted(request: TrackRequest, at: number, requestId: string): void;
  addPixelCall(call: PixelCall): void;
  acceptances(pixelId: string, event: string, eventId: string): number;
  snapshot(summary: boolean): EmulatorRecords;
  /** Public views of the accepted events (built on each call). */
  events(): AcceptedEvent[];
  pixelCalls(): readonly PixelCall[];
  requests(): readonly RequestRecord[];
  reset(): void;
}

export function createRecordStore(detailLimit: number): RecordStore {
  let requests: RequestRecord[] = [];
  let events: StoredEvent[] = [];
  let pixel: PixelCall[] = [];
  // pixel id + event → event_id → acceptances; event_id strings are shared with the stored events.
  let counts = new Map<string, Map<string, number>>();
  let uniqueKeys = 0;
  let duplicateAcceptances = 0;
  let acceptedRequests = 0;
  let faultedRequests = 0;

  return {
    addRequest(record) {
      requests.push({ seq: requests.length + 1, ...record });
      if (record.accepted) acceptedRequests++;
      if (record.faulted && !record.accepted) faultedRequests++;
    },
    addAccepted(request, at, requestId) {
      const pixelId = request.event_source_id;
      const testEventCode = request.test_event_code ?? null;
      for (const event of request.data) {
        const eventId = event.event_id ?? null;
        if (eventId !== null) {
          const outer = pixelId + SEP + event.event;
          let ids = counts.get(outer);
          if (!ids) counts.set(outer, (ids = new Map()));
          const count = (ids.get(eventId) ?? 0) + 1;
          ids.set(eventId, count);
          if (count === 1) uniqueKeys++;
          else duplicateAcceptances++;
        }
        const props = event.properties;
        events.push({
          seq: events.length + 1, at, requestId, testEventCode, pixelId, event: event.event, eventId,
          eventTime: event.event_time, keys: keyBits(event),
          ldu: event.limited_data_use === undefined ? 0 : event.limited_data_use ? 2 : 1,
          adUserData: props?.ad_user_data, adPersonalization: props?.ad_personalization,
          body: detailLimit > 0 ? event : undefined,
        });
        // Drop the body of the event that just fell out of the detail window.
        const old = events.length - 1 - detailLimit;
        if (old >= 0 && detailLimit > 0) events[old]!.body = undefined;
      }
    },
    addPixelCall(call) {
      pixel.push(call);
    },
    acceptances(pixelId, event, eventId) {
      return counts.get(pixelId + SEP + event)?.get(eventId) ?? 0;
    },
    snapshot(summary) {
      const duplicates: DuplicateKey[] = [];
      if (duplicateAcceptances > 0) {
        for (const [outer, ids] of counts) {
          const [pixelId = '', event = ''] = outer.split(SEP);
          for (const [eventId, count] of ids) if (count > 1) duplicates.push({ pixelId, event, eventId, count });
        }
      }
      const totals: Totals = {
        requests: requests.length, acceptedRequests, rejectedRequests: requests.length - acceptedRequests - faultedRequests,
        faultedRequests, events: events.length, uniqueKeys, duplicateAcceptances, pixelCalls: pixel.length,
      };
      if (summary) return { totals, requests: [], events: [], pixel: [], duplicates };
      return { totals, requests: requests.slice(), events: events.map(toPublic), pixel: pixel.slice(), duplicates };
    },
    events: () => events.map(toPublic),
    pixelCalls: () => pixel,
    requests: () => requests,
    reset() {
      requests = []; events = []; pixel = []; counts = new Map();
      uniqueKeys = 0; duplicateAcceptances = 0; acceptedRequests = 0; faultedRequests = 0;
    },
  };
}
