/**
 * Enqueue: envelopes go through the server twin's `prepareEvent` first, so only validated,
 * normalised, hashed, consent-governed wire copies (never plain PII) are stored. Rejected
 * envelopes are reported; valid ones are stored in the same call.
 */
import { prepareEvent } from '../prepare.js';
import type { PrepareConfig } from '../prepare.js';
import type { Issue, PrepareResult, PreparedEvent } from '../types.js';
import type { EnqueueOptions, OutboxStore } from './store.js';

export type TrackResult =
  | { ok: true; duplicate: boolean; eventId: string }
  | { ok: false; eventId?: string; errors: Issue[] };

export interface TrackManyResult {
  enqueued: number;
  duplicates: number;
  rejected: number;
  /** One per envelope, in order. */
  results: TrackResult[];
}

export interface TrackOptions {
  /** PostgreSQL only: your `pg` client inside your transaction, so the event commits with your order update. */
  client?: unknown;
}

export interface Outbox {
  readonly store: OutboxStore;
  /** Resolves once the event is durably stored; a second call for the same (pixel id, event, event_id) says `duplicate: true`. */
  track(envelope: unknown, options?: TrackOptions): Promise<TrackResult>;
  trackMany(envelopes: readonly unknown[], options?: TrackOptions): Promise<TrackManyResult>;
  /** For events already prepared by the server twin. */
  enqueuePrepared(events: readonly PreparedEvent[], options?: TrackOptions): Promise<boolean[]>;
}

export interface OutboxOptions {
  store: OutboxStore;
  /** The server twin's config (pixel id, default country, consent policy…): enqueue runs `prepareEvent(envelope, config)`. */
  config?: PrepareConfig;
  /** Instead of `config`: your own preparation (a wrapper around `prepareEvent`). */
  prepare?: (envelope: unknown) => PrepareResult;
}

export function createOutbox({ store, config, prepare: custom }: OutboxOptions): Outbox {
  if (!custom && !config) throw new Error('createOutbox: pass `config` (at least { pixelId }) or `prepare`');
  const prepare = custom ?? ((envelope: unknown) => prepareEvent(envelope, config!));
  async function enqueuePrepared(events: readonly PreparedEvent[], options: TrackOptions = {}) {
    const enqueueOptions: EnqueueOptions = {};
    if (options.client !== undefined) enqueueOptions.client = options.client;
    return store.enqueue(events, enqueueOptions);
  }

  async function trackMany(envelopes: readonly unknown[], options: TrackOptions = {}): Promise<TrackManyResult> {
    const prepared = envelopes.map(prepare);
    const valid = prepared.filter((r): r is Extract<PrepareResult, { ok: true }> => r.ok).map((r) => r.prepared);
    const stored = await enqueuePrepared(valid, options);
    let next = 0;
    const results = prepared.map((r): TrackResult => {
      if (!r.ok) return r.eventId === undefined ? { ok: false, errors: r.errors } : { ok: false, eventId: r.eventId, errors: r.errors };
      return { ok: true, duplicate: !stored[next++], eventId: r.prepared.event.event_id };
    });
    return {
      enqueued: results.filter((r) => r.ok && !r.duplicate).length,
      duplicates: results.filter((r) => r.ok && r.duplicate).length,
      rejected: results.filter((r) => !r.ok).length,
      results,
    };
  }

  return {
    store,
    async track(envelope, options) {
      const { results } = await trackMany([envelope], options);
      return results[0]!;
    },
    trackMany,
    enqueuePrepared,
  };
}
