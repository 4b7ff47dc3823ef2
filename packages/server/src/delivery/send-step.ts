/**
 * The send-and-split step, the one place a request is made, shared by the in-process client
 * and the outbox worker: build one request for a batch of events, send it, classify the
 * answer. When the platform refused the WHOLE request for one bad event (TikTok 40002, a Meta
 * validation error, Google's fast-fail), the events are split in halves and each half is sent
 * on its own, until the bad event stands alone: one bad event never sinks the others.
 * Retrying is the caller's business (in process: a short loop; the outbox: a later lease).
 */
import type { AnyDestination, WireItem } from '../destinations/destination.js';
import type { HttpSender } from './http.js';
import type { DeliveryOutcome } from './outcome.js';

export interface SentGroup<T extends WireItem> {
  items: T[];
  outcome: DeliveryOutcome;
}

export interface SendStepOptions {
  signal?: AbortSignal;
  now?: () => number;
  /** Called after each request with its events and outcome (logging, metrics). */
  onRequest?: (group: SentGroup<WireItem>) => void;
}

export async function sendAndSplit<T extends WireItem>(
  destination: AnyDestination,
  http: HttpSender,
  batch: string,
  items: T[],
  options: SendStepOptions = {},
): Promise<SentGroup<T>[]> {
  const now = options.now ?? Date.now;
  const request = await destination.request(batch, items);
  // No request could be built (an OAuth token the platform refused): that outcome stands for the request.
  const outcome = 'kind' in request ? request : destination.classify(await http.send(request, options.signal), now());
  options.onRequest?.({ items, outcome });
  if (outcome.kind !== 'drop' || !outcome.wholeBatch || items.length < 2 || options.signal?.aborted) return [{ items, outcome }];
  const half = Math.ceil(items.length / 2);
  const first = await sendAndSplit(destination, http, batch, items.slice(0, half), options);
  // A stop (a token revoked meanwhile) ends the split: the other half waits for the caller's rules.
  const stop = first.find((g) => g.outcome.kind === 'stop');
  if (stop) return [...first, { items: items.slice(half), outcome: stop.outcome }];
  return [...first, ...(await sendAndSplit(destination, http, batch, items.slice(half), options))];
}
