/**
 * Test fixtures for the outbox: envelopes, prepared events and a scripted transport.
 * Never used by the library itself.
 */
import { prepareEvent } from '../../prepare.js';
import type { PrepareConfig } from '../../prepare.js';
import type { DeliveryOutcome, PreparedEvent, TikTokRequestBody, Transport } from '../../types.js';

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

export function prepared(i: number, overrides: Record<string, unknown> = {}, cfg: PrepareConfig = config): PreparedEvent {
  const r = prepareEvent(envelope(i, overrides), cfg);
  if (!r.ok) throw new Error(`fixture ${i} rejected: ${JSON.stringify(r.errors)}`);
  return r.prepared;
}

export const ok = (latencyMs = 5): DeliveryOutcome => ({ ok: true, code: 0, requestId: 'req-ok', latencyMs });
export const fail = (reason: string, o: Partial<Extract<DeliveryOutcome, { ok: false }>> = {}): DeliveryOutcome => ({
  ok: false, reason, retryable: true, stop: false, latencyMs: 5, ...o,
});

/** A transport answering from a script (one outcome per request; the last repeats), recording every body. */
export function scriptedTransport(script: (DeliveryOutcome | ((body: TikTokRequestBody, signal?: AbortSignal) => Promise<DeliveryOutcome>))[]) {
  const bodies: TikTokRequestBody[] = [];
  let i = 0;
  const transport: Transport = {
    async post(body, signal) {
      bodies.push(structuredClone(body));
      const step = script[Math.min(i++, script.length - 1)]!;
      return typeof step === 'function' ? step(body, signal) : step;
    },
    async close() {},
  };
  return { transport, bodies };
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
    yield { ...template, event: { ...template.event, event_id: `${prefix}_${i}_purchase` } };
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
