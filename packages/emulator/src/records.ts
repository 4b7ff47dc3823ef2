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
const keyOf = (pixelId: string, event: string, eventId: string) => pixelId + SEP + event + SEP + eventId;

function flags(event: TrackEvent): MatchKeyFlags {
  const u = event.user;
  if (!u) return { email: false, phone: false, external_id: false, ttclid: false, ttp: false, ip: false, user_agent: false };
  return {
    email: present(u.email), phone: present(u.phone), external_id: present(u.external_id),
    ttclid: !!u.ttclid, ttp: !!u.ttp, ip: !!u.ip, user_agent: !!u.user_agent,
  };
}

function present(value: string | string[] | undefined): boolean {
  return Array.isArray(value) ? value.length > 0 : !!value;
}

export interface RecordStore {
  addRequest(record: Omit<RequestRecord, 'seq'>): void;
  addAccepted(request: TrackRequest, at: number, requestId: string): void;
  addPixelCall(call: PixelCall): void;
  acceptances(pixelId: string, event: string, eventId: string): number;
  snapshot(summary: boolean): EmulatorRecords;
  events(): readonly AcceptedEvent[];
  pixelCalls(): readonly PixelCall[];
  requests(): readonly RequestRecord[];
  reset(): void;
}

export function createRecordStore(detailLimit: number): RecordStore {
  let requests: RequestRecord[] = [];
  let events: AcceptedEvent[] = [];
  let pixel: PixelCall[] = [];
  let counts = new Map<string, number>();
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
          const key = keyOf(pixelId, event.event, eventId);
          const count = (counts.get(key) ?? 0) + 1;
          counts.set(key, count);
          if (count > 1) duplicateAcceptances++;
        }
        const props = event.properties;
        events.push({
          seq: events.length + 1, at, requestId, testEventCode, pixelId, event: event.event, eventId,
          eventTime: event.event_time, keys: flags(event),
          ttclid: event.user?.ttclid ?? null, ttp: event.user?.ttp ?? null,
          limitedDataUse: event.limited_data_use ?? null,
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
      return counts.get(keyOf(pixelId, event, eventId)) ?? 0;
    },
    snapshot(summary) {
      const duplicates: DuplicateKey[] = [];
      for (const [key, count] of counts) {
        if (count < 2) continue;
        const [pixelId = '', event = '', eventId = ''] = key.split(SEP);
        duplicates.push({ pixelId, event, eventId, count });
      }
      const totals: Totals = {
        requests: requests.length, acceptedRequests, rejectedRequests: requests.length - acceptedRequests - faultedRequests,
        faultedRequests, events: events.length, uniqueKeys: counts.size, duplicateAcceptances, pixelCalls: pixel.length,
      };
      if (summary) return { totals, requests: [], events: [], pixel: [], duplicates };
      return { totals, requests: requests.slice(), events: events.slice(), pixel: pixel.slice(), duplicates };
    },
    events: () => events,
    pixelCalls: () => pixel,
    requests: () => requests,
    reset() {
      requests = []; events = []; pixel = []; counts = new Map();
      duplicateAcceptances = 0; acceptedRequests = 0; faultedRequests = 0;
    },
  };
}
