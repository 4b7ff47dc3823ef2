/**
 * The retry loop: a short loop over transport.post, classifyResponse's decision, backoff and
 * Retry-After. Retries resend the same body, so the same event_id (TikTok dedups replays
 * within 48 h). A request TikTok rejects as a whole for a payload problem is split in halves
 * and resent, so one bad event never sinks the events it was batched with. A token or
 * permission answer stops all further sending.
 */
import type { DeliveryOutcome, PreparedEvent, Transport } from '../types.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { groupForRequests, toRequestBody } from './batch.js';
import { rejectsWholeBatch } from './classify.js';

export interface DeliverOptions {
  transport: Transport;
  /** Attempts per request, the first included. Default 5. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Longest Retry-After honoured in-process; longer waits belong to a durable outbox. Default 60 s. */
  maxRetryAfterMs?: number;
  maxEventsPerRequest?: number;
  /** Requests in flight at once (each with its own retries). Default 1: in order, gentlest on rate limits. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** Called after each request's final outcome, e.g. for progress. */
  onResult?: (result: ChunkResult) => void;
}

export interface ChunkResult {
  events: PreparedEvent[];
  outcome: DeliveryOutcome;
  attempts: number;
  /** True when the outcome is a retryable failure that ran out of attempts. */
  exhausted: boolean;
  /** True when sending ended because of a stop or an abort elsewhere (before or between attempts). */
  halted: boolean;
}

export interface DeliverResult {
  results: ChunkResult[];
  requests: number;
  retries: number;
  stopped?: DeliveryOutcome;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deliverPrepared(events: readonly PreparedEvent[], options: DeliverOptions): Promise<DeliverResult> {
  const state: DeliverResult = { results: [], requests: 0, retries: 0 };
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const sleep = options.sleep ?? defaultSleep;

  const finish = (result: ChunkResult) => {
    state.results.push(result);
    options.onResult?.(result);
  };

  async function deliverChunk(chunk: PreparedEvent[]): Promise<void> {
    let attempts = 0;
    for (;;) {
      if (!state.stopped && options.signal?.aborted) state.stopped = { ok: false, reason: 'aborted', retryable: true, stop: false, latencyMs: 0 };
      if (state.stopped) return finish({ events: chunk, outcome: state.stopped, attempts, exhausted: false, halted: true });
      attempts += 1;
      state.requests += 1;
      const outcome = await options.transport.post(toRequestBody(chunk), options.signal);
      if (outcome.ok) return finish({ events: chunk, outcome, attempts, exhausted: false, halted: false });
      if (outcome.stop) {
        state.stopped = outcome;
        return finish({ events: chunk, outcome, attempts, exhausted: false, halted: false });
      }
      if (!outcome.retryable) {
        if (chunk.length > 1 && rejectsWholeBatch(outcome)) {
          const half = Math.ceil(chunk.length / 2);
          await deliverChunk(chunk.slice(0, half));
          await deliverChunk(chunk.slice(half));
          return;
        }
        return finish({ events: chunk, outcome, attempts, exhausted: false, halted: false });
      }
      if (attempts >= maxAttempts) return finish({ events: chunk, outcome, attempts, exhausted: true, halted: false });
      state.retries += 1;
      const retryAfter = Math.min(outcome.retryAfterMs ?? 0, options.maxRetryAfterMs ?? 60_000);
      await sleep(Math.max(backoffDelay(attempts, options.backoff), retryAfter));
    }
  }

  const chunks = groupForRequests(events, { maxEvents: options.maxEventsPerRequest });
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) await deliverChunk(chunks[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, chunks.length)) }, lane));
  return state;
}
