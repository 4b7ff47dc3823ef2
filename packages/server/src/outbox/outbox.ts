/**
 * Enqueue: an envelope is prepared once for every configured destination (the shared
 * normalisation, then each destination's formatting and hashing), so only validated,
 * normalised, hashed, consent-governed wire copies (never plain PII) are stored — one row per
 * destination, all in the same transaction. Rejections are reported per destination.
 */
import type { DestinationId } from '@pixelpair/core';
import { ConfigError } from '../config/config-error.js';
import type { AnyDestination, PreparedEvent } from '../destinations/destination.js';
import type { NormalizeSettings } from '../envelope/normalized-event.js';
import { prepareForDestinations } from '../prepare.js';
import type { Issue } from '../types.js';
import type { EnqueueOptions, OutboxStore } from './store.js';

/** What one destination got from one enqueue. */
export interface DestinationEnqueue {
  destination: DestinationId;
  status: 'enqueued' | 'duplicate' | 'rejected' | 'skipped';
  errors?: Issue[];
  /** Why it was skipped (e.g. no Google conversion action for this event). */
  reason?: string;
}

export type TrackResult =
  | { ok: true; eventId: string; duplicate: boolean; destinations: DestinationEnqueue[] }
  | { ok: false; eventId?: string; errors: Issue[]; destinations?: DestinationEnqueue[] };

export interface TrackManyResult {
  /** Counted per copy (envelope × destination). */
  enqueued: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  /** One per envelope, in order. */
  results: TrackResult[];
}

export interface TrackOptions {
  /** PostgreSQL only: your `pg` client inside your transaction, so the event commits with your order update. */
  client?: unknown;
}

export interface Outbox {
  readonly store: OutboxStore;
  /** Resolves once every destination's copy is durably stored; a copy whose dedup key is already there says `duplicate`. */
  track(envelope: unknown, options?: TrackOptions): Promise<TrackResult>;
  trackMany(envelopes: readonly unknown[], options?: TrackOptions): Promise<TrackManyResult>;
  /** For events already prepared by the server twin. */
  enqueuePrepared(events: readonly PreparedEvent[], options?: TrackOptions): Promise<boolean[]>;
}

export interface OutboxOptions extends NormalizeSettings {
  store: OutboxStore;
  /** Every destination a copy is stored for (credentials are not needed to enqueue, only to send). */
  destinations: readonly AnyDestination[];
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, destinations } = options;
  if (!store) throw new ConfigError('store', 'createOutbox needs a store (createSqliteStore, createPostgresStore)');
  if (!Array.isArray(destinations) || destinations.length === 0) throw new ConfigError('destinations', 'createOutbox needs at least one destination');
  const ids = new Set(destinations.map((d) => d.id));
  if (ids.size !== destinations.length) throw new ConfigError('destinations', 'a destination is configured twice');

  async function enqueuePrepared(events: readonly PreparedEvent[], options: TrackOptions = {}) {
    const enqueueOptions: EnqueueOptions = {};
    if (options.client !== undefined) enqueueOptions.client = options.client;
    return store.enqueue(events, enqueueOptions);
  }

  async function trackMany(envelopes: readonly unknown[], trackOptions: TrackOptions = {}): Promise<TrackManyResult> {
    const all = envelopes.map((e) => prepareForDestinations(e, destinations, options));
    const rows: PreparedEvent[] = [];
    for (const r of all) if (r.ok) for (const { result } of r.results) if (result.ok === true) rows.push(result.prepared);
    // One enqueue for every copy of every envelope: one transaction.
    const stored = await enqueuePrepared(rows, trackOptions);
    const totals = { enqueued: 0, duplicates: 0, rejected: 0, skipped: 0 };
    let next = 0;
    const results = all.map((r): TrackResult => {
      if (!r.ok) {
        totals.rejected += destinations.length;
        return r.eventId === undefined ? { ok: false, errors: r.errors } : { ok: false, eventId: r.eventId, errors: r.errors };
      }
      const copies = r.results.map(({ destination, result }): DestinationEnqueue => {
        if (result.ok === true) return { destination, status: stored[next++] ? 'enqueued' : 'duplicate' };
        if (result.ok === false) return { destination, status: 'rejected', errors: result.errors };
        return { destination, status: 'skipped', reason: result.reason };
      });
      for (const c of copies) totals[c.status === 'enqueued' ? 'enqueued' : c.status === 'duplicate' ? 'duplicates' : c.status] += 1;
      const kept = copies.filter((c) => c.status === 'enqueued' || c.status === 'duplicate');
      if (kept.length === 0 && copies.some((c) => c.status === 'rejected')) {
        const errors = copies.flatMap((c) => (c.errors ?? []).map((e) => ({ path: e.path, message: `${c.destination}: ${e.message}` })));
        return { ok: false, eventId: r.eventId, errors, destinations: copies };
      }
      return { ok: true, eventId: r.eventId, duplicate: kept.length > 0 && kept.every((c) => c.status === 'duplicate'), destinations: copies };
    });
    return { ...totals, results };
  }

  return {
    store,
    async track(envelope, trackOptions) {
      const { results } = await trackMany([envelope], trackOptions);
      return results[0]!;
    },
    trackMany,
    enqueuePrepared,
  };
}
