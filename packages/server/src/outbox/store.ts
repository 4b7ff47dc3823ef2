/**
 * The contract every outbox store keeps (SQLite, PostgreSQL, memory). A store only moves
 * rows between states; deciding what a platform's answer means is the worker's job. One row
 * per event and destination; the unique key is core's dedup key (destination + account +
 * event + event_id), so a second enqueue of the same action for the same destination is a no-op.
 *
 * States: pending → leased → delivered | dead, and leased → pending on a retry or a
 * returned lease. A leased row whose lease has expired (its worker crashed) is due again:
 * `dueAt` is the next attempt time for pending rows and the lease expiry for leased ones,
 * so one index answers "what is due?".
 */
import type { DestinationId } from '@pixelpair/core';
import type { DeliveryLogInfo, PreparedEvent } from '../destinations/destination.js';
import type { OutcomeKind } from '../delivery/outcome.js';

export type OutboxState = 'pending' | 'leased' | 'delivered' | 'dead';
export const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'leased', 'delivered', 'dead'];

/** One event handed to a worker under lease. */
export interface LeasedEvent {
  /** The store's row id. */
  id: number;
  destination: DestinationId;
  account: string;
  batch: string;
  /** The wire event as prepared, serialised: requests are built from it without parsing it again. */
  wireJson: string;
  /** Unix seconds, as on the wire. */
  eventTime: number;
  /** Attempts recorded before this lease. */
  attempts: number;
  /** When a token/permission error was first seen for this event (ms), if ever. */
  stopSince?: number;
  /** PostgreSQL: the held transaction this page was leased under; give it back on each Settlement. */
  lease?: number;
}

/** What the delivery log keeps about one attempt (or expiry) of one event. */
export interface AttemptEntry {
  /** ms since epoch. */
  at: number;
  /** The outcome's kind, or `expired` when no request was made. */
  decision: OutcomeKind | 'expired';
  reason: string;
  /** A human must look (stops always; drops the platform marked as a payload problem). */
  alert?: boolean;
  code?: number;
  subcode?: number;
  httpStatus?: number;
  requestId?: string;
  latencyMs?: number;
  message?: string;
}

export type NextState =
  | { state: 'delivered' }
  | { state: 'pending'; dueAt: number; stopSince?: number; lastError?: string }
  | { state: 'dead'; reason: string };

/** The end of one lease for one event: what happened (if a request was made) and where it goes. */
export interface Settlement {
  id: number;
  /** The LeasedEvent's `lease`: settles in that lease's transaction, never in a later lease of the same row. */
  lease?: number;
  attempt?: AttemptEntry;
  next: NextState;
}

export interface EnqueueOptions {
  /** PostgreSQL only: a `pg` client inside the caller's transaction; the enqueue commits with it. */
  client?: unknown;
  now?: number;
}

export interface LeaseOptions {
  destination: DestinationId;
  /** Only rows for this account (pixel id, customer id): a worker sends only what it has credentials for. */
  account: string;
  owner: string;
  limit: number;
  leaseMs: number;
  now: number;
}

export interface QueueStatus {
  counts: Record<OutboxState, number>;
  /** Age in ms of the oldest event not yet delivered or dead (pending or leased); null when none. */
  oldestPendingAgeMs: number | null;
}

export interface OutboxStatus extends QueueStatus {
  /** The same, per destination that has rows. */
  destinations: Partial<Record<DestinationId, QueueStatus>>;
}

/** One event as `pixelpair log` shows it, with every attempt. */
export interface EventHistory {
  destination: DestinationId;
  account: string;
  event: string;
  eventId: string;
  batch: string;
  eventTime: number;
  state: OutboxState;
  attempts: number;
  enqueuedAt: number;
  deliveredAt?: number;
  deadReason?: string;
  lastError?: string;
  /** Consent and match-key booleans from the server twin's delivery log: never raw PII. */
  log: DeliveryLogInfo;
  history: AttemptEntry[];
}

export interface ReplayOptions {
  /** Only this destination's events. */
  destination?: DestinationId;
  /** Only dead-lettered events (otherwise delivered and dead ones). */
  dead?: boolean;
  /** event_time bounds, Unix seconds, inclusive. */
  since?: number;
  until?: number;
  /** Events with event_time below this (Unix seconds) are outside the accepted window: left alone. */
  minEventTime: number;
  dryRun?: boolean;
  now: number;
  /** Called after each page with running totals. */
  onProgress?: (done: number, total: number) => void;
}

export interface ReplayResult {
  /** Matched by state and time range. */
  matched: number;
  /** Re-queued (or, with dryRun, would be). */
  requeued: number;
  /** Matched but too old to be accepted any more. */
  tooOld: number;
}

export interface OutboxStore {
  readonly kind: 'sqlite' | 'postgres' | 'memory';
  /** One boolean per event, in order: true when stored, false when its dedup key was already there. Atomic: all or none. */
  enqueue(events: readonly PreparedEvent[], options?: EnqueueOptions): Promise<boolean[]>;
  /** Leases up to `limit` due events (pending and due, or leased with an expired lease), oldest due first. */
  lease(options: LeaseOptions): Promise<LeasedEvent[]>;
  /**
   * Records attempts and moves events out of the lease. Only rows still leased by `owner` change
   * state (a lease another worker took over is left to it); attempts are logged either way.
   */
  settle(owner: string, settlements: readonly Settlement[], now: number): Promise<void>;
  status(now: number): Promise<OutboxStatus>;
  /** Every stored event with this event_id (one per destination, more across accounts or event names). */
  history(eventId: string): Promise<EventHistory[]>;
  replay(options: ReplayOptions): Promise<ReplayResult>;
  /** The request ids of this destination's latest delivered requests, newest first (to ask the platform what it found later). */
  recentRequestIds(destination: DestinationId, limit: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Page size for replay scans: big enough to be quick, small enough to keep memory flat. */
export const REPLAY_PAGE = 1000;
