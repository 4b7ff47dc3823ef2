/**
 * A destination is a small plain object that plugs one ad platform's dialect into the
 * shared delivery core. It supplies four things, and nothing else:
 * 1. its event names (from core's one mapping table),
 * 2. its per-event preparation: from the one shared normalisation of the envelope to its own
 *    formatting, hashing and consent rules (`prepare`),
 * 3. its request building: batch limit, body, authentication (`request`),
 * 4. its response classification into the one outcome type (`classify`).
 * Validation, batching, the send-and-split step, retries, the outbox and the log are shared.
 */
import type { DestinationId } from '@pixelpair/core';
import type { DeliveryOutcome } from '../delivery/outcome.js';
import type { HttpAnswer, HttpRequest, HttpSender } from '../delivery/http.js';
import type { NormalizedEvent } from '../envelope/normalized-event.js';
import type { Issue } from '../types.js';

/** Which match keys a prepared event carries, by the destination's own key names (booleans, never values). */
export type MatchKeys = Record<string, boolean>;

/** A validated, normalised, hashed, consent-governed event in one destination's dialect, ready for the wire. */
export interface PreparedEvent<W = unknown> {
  destination: DestinationId;
  /** TikTok / Meta pixel id, Google Ads customer id: with `event` and `eventId`, the dedup key. */
  account: string;
  /** The destination's event name (Google: the conversion action id). */
  event: string;
  eventId: string;
  /** Unix seconds, as the platform's window rules need. */
  eventTime: number;
  /** Events may share a request only with the same batch: the test event code, the conversion action… */
  batch: string;
  /** True for test traffic (a test event code, Google's validateOnly). */
  test: boolean;
  /** The wire event, and its JSON (serialised once: requests are built by joining these). */
  wire: W;
  wireJson: string;
  warnings: Issue[];
  /** What the delivery log keeps besides the wire copy: consent, the policy's reading, match keys. */
  log: DeliveryLogInfo;
}

export interface DeliveryLogInfo {
  consent: NormalizedEvent['consent'];
  policy: { adUserData: 'granted' | 'denied' | 'not_required'; adPersonalization: 'granted' | 'denied' | 'not_required'; optIn: boolean };
  matchKeys: MatchKeys;
  /** What consent let this destination get: everything, or the event without personal identifiers. */
  identifiers: 'sent' | 'withheld';
}

export type DestinationPrepareResult<W = unknown> =
  | { ok: true; prepared: PreparedEvent<W> }
  | { ok: false; errors: Issue[] }
  /** Not for this destination (e.g. no Google conversion action is configured for the event): not an error. */
  | { ok: 'skipped'; reason: string };

/** Anything that carries a wire event's JSON: a prepared event, or a row leased from the outbox. */
export interface WireItem {
  readonly wireJson: string;
}

export interface Destination<W = unknown> {
  readonly id: DestinationId;
  /** The account half of the dedup key. */
  readonly account: string;
  readonly maxEventsPerRequest: number;
  /** Oldest event_time the platform accepts, in seconds before now; older events are taken out before batching. */
  readonly maxAgeSeconds: number;
  /** False when the destination can prepare but has no credentials to send (an enqueue-only process). */
  readonly canSend: boolean;
  prepare(event: NormalizedEvent): DestinationPrepareResult<W>;
  /** The request body for events of one batch, exactly as sent but without credentials (what `pixelpair payload` prints). */
  body(batch: string, events: readonly WireItem[]): string;
  /**
   * The request: the body plus authentication. Async: an OAuth token may have to be fetched;
   * when it cannot be, the answer is that outcome instead (no request is made).
   */
  request(batch: string, events: readonly WireItem[]): Promise<HttpRequest | DeliveryOutcome>;
  classify(answer: HttpAnswer, now?: number): DeliveryOutcome;
  /** Problems the platform reports only later, per request (Google's requestStatus:retrieve). */
  laterStatus?(requestIds: readonly string[], http: HttpSender): Promise<LaterStatus[]>;
  /** Releases what the destination holds (token caches…). */
  close?(): Promise<void>;
}

/** What the platform says later about one request it accepted. */
export interface LaterStatus {
  requestId: string;
  /** The platform's word: SUCCESS, PARTIAL_SUCCESS, FAILED, PROCESSING — or UNKNOWN when it could not be asked. */
  state: string;
  records?: number;
  /** Problems by reason, with how many records each hit. */
  errors: Array<{ reason: string; records: number }>;
  /** Why the status could not be read (a token problem, an unknown request id). */
  problem?: string;
}

/** Any destination, whatever its wire type. */
export type AnyDestination = Destination<any>;
