/**
 * The contract every outbox store keeps (SQLite, PostgreSQL, memory). A store only moves
 * rows between states; deciding what an answer from TikTok means is the worker's job.
 *
 * States: pending → leased → delivered | dead, and leased → pending on a retry or a
 * returned lease. A leased row whose lease has expired (its worker crashed) is due again:
 * `dueAt` is the next attempt time for pending rows and the lease expiry for leased ones,
 * so one index answers "what is due?".
 */
import type { PreparedEvent, TikTokEvent } from '../types.js';

export type OutboxState = 'pending' | 'leased' | 'delivered' | 'dead';
export const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'leased', 'delivered', 'dead'];

/** One event handed to a worker under lease. */
export interface LeasedEvent {
  /** The store's row id. */
  id: number;
  pixelId: string;
  testEventCode?: string;
  event: TikTokEvent;
  /** Unix seconds, as on the wire. */
  eventTime: number;
  /** Attempts recorded before this lease. */
  attempts: number;
  /** When a token/permission error was first seen for this event (ms), if ever. */
  stopSince?: number;
}

/** What the delivery log keeps about one attempt (or expiry) of one event. */
export interface AttemptEntry {
  /** ms since epoch. */
  at: number;
  /** `delivered`, `retry`, `drop`, `stop`, or `expired` when no request was made. */
  decision: 'delivered' | 'retry' | 'drop' | 'stop' | 'expired';
  reason: string;
  code?: number;
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
  attempt?: AttemptEntry;
  next: NextState;
}

export interface EnqueueOptions {
  /** PostgreSQL only: a `pg` client inside the caller's transaction; the enqueue commits with it. */
  client?: unknown;
  now?: number;
}

export interface LeaseOptions {
  owner: string;
  limit: number;
  leaseMs: number;
  now: number;
}

export interface OutboxStatus {
  counts: Record<OutboxState, number>;
  /** Age in ms of the oldest event not yet delivered or dead (pending or leased); null when none. */
  oldestPendingAgeMs: number | null;
}

/** One event as `pixelpair log` shows it, with every attempt. */
export interface EventHistory {
  pixelId: string;
  event: string;
  eventId: string;
  testEventCode?: string;
  eventTime: number;
  state: OutboxState;
  attempts: number;
  enqueuedAt: number;
  deliveredAt?: number;
  deadReason?: string;
  lastError?: string;
  /** Consent and match-key booleans from the server twin's delivery log: never raw PII. */
  log: PreparedEvent['log'];
  history: AttemptEntry[];
}

export interface ReplayOptions {
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
  /** One boolean per event, in order: true when stored, false when the (pixel id, event, event_id) was already there. */
  enqueue(events: readonly PreparedEvent[], options?: EnqueueOptions): Promise<boolean[]>;
  /** Leases up to `limit` due events (pending and due, or leased with an expired lease), oldest due first. */
  lease(options: LeaseOptions): Promise<LeasedEvent[]>;
  /**
   * Records attempts and moves events out of the lease. Only rows still leased by `owner` change
   * state (a lease another worker took over is left to it); attempts are logged either way.
   */
  settle(owner: string, settlements: readonly Settlement[], now: number): Promise<void>;
  status(now: number): Promise<OutboxStatus>;
  /** Every stored event with this event_id (normally one; more across pixels or event names). */
  history(eventId: string): Promise<EventHistory[]>;
  replay(options: ReplayOptions): Promise<ReplayResult>;
  close(): Promise<void>;
}

/** Page size for replay scans: big enough to be quick, small enough to keep memory flat. */
export const REPLAY_PAGE = 1000;
