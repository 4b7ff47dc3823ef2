/**
 * Test fixtures for the outbox: envelopes, prepared events, and a scripted destination whose
 * answers come from a list of outcomes. Never used by the library itself.
 */
import type { AnyDestination, PreparedEvent } from '../../src/destinations/destination.js';
import { tiktokDestination } from '../../src/destinations/tiktok/tiktok.js';
import type { TikTokEvent, TikTokRequestBody } from '../../src/destinations/tiktok/wire.js';
import type { HttpAnswer, HttpSender } from '../../src/delivery/http.js';
import type { DeliveryOutcome, DropReason, RetryReason, StopReason } from '../../src/delivery/outcome.js';
import { prepareEvent } from '../../src/prepare.js';
import type { PrepareConfig } from '../../src/prepare.js';

export const PIXEL = 'CTESTPIXEL0001';
export const TOKEN = 'test-access-token-never-logged';

export function envelope(i: number, overrides: Record<string, unknown> = {}) {
  return {
    event: 'Purchase',
    eventId: `ord_${i}_purchase`,
    eventTime: Math.floor(Date.now() / 1000) - 60,
    user: { email: `buyer${i}@example.com`, ip: '203.0.113.7', userAgent: 'Mozilla/5.0' },
    properties: { value: 10 + (i % 90), currency: 'EUR', contents: [{ contentId: `sku_${i % 50}`, quantity: 1 }] },
    consent: { adUserData: 'granted', adPersonalization: 'granted' },
    ...overrides,
  };
}

export const config: PrepareConfig = { pixelId: PIXEL };

export function prepared(i: number, overrides: Record<string, unknown> = {}, cfg: PrepareConfig = config): PreparedEvent<TikTokEvent> {
  const r = prepareEvent(envelope(i, overrides), cfg);
  if (!r.ok) throw new Error(`fixture ${i} rejected: ${JSON.stringify(r.errors)}`);
  return r.prepared;
}

export const ok = (latencyMs = 5): DeliveryOutcome => ({ kind: 'delivered', reason: 'ok', code: 0, requestId: 'req-ok', latencyMs });

interface FailOptions {
  code?: number;
  httpStatus?: number;
  retryAfterMs?: number;
  message?: string;
  requestId?: string;
  latencyMs?: number;
  /** false: a drop. */
  retryable?: boolean;
  /** true: a stop (token or permission). */
  stop?: boolean;
  alert?: boolean;
  wholeBatch?: boolean;
}

/** A failed outcome in the old words: retryable by default, `retryable: false` drops, `stop: true` stops. */
export function fail(reason: string, o: FailOptions = {}): DeliveryOutcome {
  const { retryable, stop, alert, wholeBatch, retryAfterMs, ...detail } = o;
  const base = { latencyMs: 5, ...detail };
  if (stop) return { kind: 'stop', reason: reason as StopReason, ...base };
  if (retryable === false) return { kind: 'drop', reason: reason as DropReason, alert: alert ?? true, wholeBatch: wholeBatch ?? ['invalid_params', 'param_error', 'invalid_batch_size', 'pii_not_hashed'].includes(reason), ...base };
  return { kind: 'retry', reason: reason as RetryReason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), ...base };
}

type Step = DeliveryOutcome | ((body: TikTokRequestBody, signal?: AbortSignal) => Promise<DeliveryOutcome>);

/**
 * The real TikTok destination (its bodies, batching and limits) with its answers scripted:
 * one outcome per request, the last one repeating. Every request body is recorded.
 */
export function scriptedTikTok(script: Step[], pixelId = PIXEL) {
  const bodies: TikTokRequestBody[] = [];
  const outcomes = new WeakMap<HttpAnswer, DeliveryOutcome>();
  let i = 0;
  const http: HttpSender = {
    async send(request, signal) {
      const body = JSON.parse(request.body ?? "{}") as TikTokRequestBody;
      bodies.push(body);
      const step = script[Math.min(i++, script.length - 1)]!;
      const outcome = typeof step === 'function' ? await step(body, signal) : step;
      const answer: HttpAnswer = { status: 200, headers: {}, text: '', latencyMs: outcome.latencyMs };
      outcomes.set(answer, outcome);
      return answer;
    },
    async close() {},
  };
  const real = tiktokDestination({ pixelId, accessToken: TOKEN, apiUrl: 'http://127.0.0.1:9/scripted/' });
  const destination: AnyDestination = { ...real, classify: (answer) => outcomes.get(answer) ?? real.classify(answer) };
  return { destination, http, bodies };
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, everyMs = 20) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Many distinct prepared events cheaply: one real prepareEvent, then only the event_id differs. */
export function* manyPrepared(count: number, prefix = 'ord', from = 0): Generator<PreparedEvent> {
  const template = prepared(0);
  for (let i = from; i < from + count; i++) {
    const eventId = `${prefix}_${i}_purchase`;
    const wire = { ...template.wire, event_id: eventId };
    yield { ...template, eventId, wire, wireJson: JSON.stringify(wire) };
  }
}

/** Enqueues in chunks so neither the test nor the store holds everything at once. */
export async function fill(store: { enqueue(e: PreparedEvent[]): Promise<boolean[]> }, count: number, prefix = 'ord', chunk = 5000) {
  let page: PreparedEvent[] = [];
  for (const p of manyPrepared(count, prefix)) {
    page.push(p);
    if (page.length === chunk) { await store.enqueue(page); page = []; }
  }
  if (page.length) await store.enqueue(page);
}
