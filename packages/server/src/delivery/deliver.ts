/**
 * The in-process retry loop, short on purpose: for each request, the send-and-split step,
 * then the outcome decides. Delivered, dropped and stopped events are final; events whose
 * request should be retried are sent again after backoff (full jitter) or the platform's
 * Retry-After, with the same event ids, until attempts run out. A stop halts that destination
 * only: other destinations keep sending. Longer waits belong to the durable outbox.
 * `deliveryQueue` takes requests one by one while the caller prepares the rest (send());
 * `deliverPrepared` hands it every request of events prepared beforehand.
 */
import type { DestinationId } from '@pixelpair/core';
import type { AnyDestination, PreparedEvent } from '../destinations/destination.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { groupForRequests, type RequestGroup } from './batch.js';
import type { HttpSender } from './http.js';
import { notSent, type DeliveryOutcome } from './outcome.js';
import { sendAndSplit, type SentGroup } from './send-step.js';

export interface RetrySettings {
  /** Attempts per request, the first included. Default 5. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Longest Retry-After honoured in-process; longer waits belong to a durable outbox. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Requests in flight at once (each with its own retries). Default 4: a large send reaches the platform's pace without tuning. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliverOptions extends RetrySettings {
  destinations: ReadonlyMap<DestinationId, AnyDestination>;
  /** One sender for all, or one per destination. */
  http: HttpSender | ((destination: DestinationId) => HttpSender);
  signal?: AbortSignal;
  /** Called once per event group with its final outcome. */
  onResult?: (result: ChunkResult) => void;
  /** Called after every request (a retry or a split half is a request). */
  onRequest?: (group: SentGroup<PreparedEvent>, destination: DestinationId) => void;
}

export interface ChunkResult {
  destination: DestinationId;
  events: PreparedEvent[];
  outcome: DeliveryOutcome;
  attempts: number;
  /** A retryable outcome that ran out of attempts. */
  exhausted: boolean;
  /** Never (re)sent because the caller aborted or a stop halted the destination. */
  halted: boolean;
}

export interface DeliverResult {
  results: ChunkResult[];
  requests: number;
  retries: number;
}

export const DEFAULT_CONCURRENCY = 4;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Requests handed to `add` while the caller still prepares the rest (the client's send). */
export interface DeliveryQueue {
  /** Queues one request's events; a free lane sends it at once (at most `concurrency` in flight). */
  add(group: RequestGroup<PreparedEvent>): void;
  /** A lane threw (a bug or a throwing callback): `end()` will throw it, so stop preparing. */
  readonly failed: boolean;
  /** No more requests: resolves when every queued one has its final outcome. */
  end(): Promise<DeliverResult>;
}

/** `keepResults: false` when onResult takes each result: the events are then free once settled (a long send holds only what is in flight). */
export function deliveryQueue(options: DeliverOptions, { keepResults = true }: { keepResults?: boolean } = {}): DeliveryQueue {
  const state: DeliverResult = { results: [], requests: 0, retries: 0 };
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const sleep = options.sleep ?? defaultSleep;
  const stopped = new Map<DestinationId, DeliveryOutcome>();
  const lanesWanted = Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY);
  const concurrency = lanesWanted >= 1 ? lanesWanted : 1;

  const finish = (result: ChunkResult) => {
    if (keepResults) state.results.push(result);
    options.onResult?.(result);
  };

  async function deliverGroup(group: RequestGroup<PreparedEvent>): Promise<void> {
    const destination = options.destinations.get(group.destination);
    if (!destination) throw new Error(`pixelpair: no destination ${group.destination} configured for prepared events`);
    let items = group.events;
    for (let attempts = 0; ; ) {
      const halt = stopped.get(group.destination) ?? (options.signal?.aborted ? notSent('aborted') : undefined);
      if (halt) return finish({ destination: group.destination, events: items, outcome: halt, attempts, exhausted: false, halted: true });
      attempts += 1;
      const http = typeof options.http === 'function' ? options.http(group.destination) : options.http;
      const sent = await sendAndSplit(destination, http, group.batch, items, {
        ...(options.signal ? { signal: options.signal } : {}),
        onRequest: (g) => {
          state.requests += 1;
          options.onRequest?.(g as SentGroup<PreparedEvent>, group.destination);
        },
      });
      const retry: PreparedEvent[] = [];
      let wait = 0;
      let last: DeliveryOutcome | undefined;
      for (const { items: part, outcome } of sent) {
        if (outcome.kind === 'retry') {
          retry.push(...part);
          last = outcome;
          wait = Math.max(wait, Math.min(outcome.retryAfterMs ?? 0, options.maxRetryAfterMs ?? 60_000));
          continue;
        }
        if (outcome.kind === 'stop') stopped.set(group.destination, outcome);
        finish({ destination: group.destination, events: part, outcome, attempts, exhausted: false, halted: false });
      }
      if (retry.length === 0 || !last) return;
      if (options.signal?.aborted) {
        return finish({ destination: group.destination, events: retry, outcome: last, attempts, exhausted: false, halted: true });
      }
      if (attempts >= maxAttempts) return finish({ destination: group.destination, events: retry, outcome: last, attempts, exhausted: true, halted: false });
      state.retries += 1;
      await sleep(Math.max(backoffDelay(attempts, options.backoff), wait));
      items = retry;
    }
  }

  // Lanes start when requests arrive and end when none wait, so `concurrency` bounds what is
  // in flight whether the requests come all at once or one by one while the rest is prepared.
  const queue: RequestGroup<PreparedEvent>[] = [];
  const lanes: Promise<void>[] = [];
  let active = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    try {
      while (queue.length > 0 && !failure) await deliverGroup(queue.shift()!);
    } catch (error) {
      failure ??= { error };
    } finally {
      active -= 1;
    }
  };
  return {
    add(group) {
      queue.push(group);
      if (active >= concurrency || failure) return;
      active += 1;
      lanes.push(lane());
    },
    get failed() {
      return failure !== undefined;
    },
    async end() {
      await Promise.all(lanes); // lanes never reject: a failure is kept above
      if (failure) throw failure.error;
      return state;
    },
  };
}

export async function deliverPrepared(events: readonly PreparedEvent[], options: DeliverOptions): Promise<DeliverResult> {
  const queue = deliveryQueue(options);
  for (const group of groupForRequests(events, (id) => options.destinations.get(id)?.maxEventsPerRequest ?? 1000)) queue.add(group);
  return queue.end();
}
