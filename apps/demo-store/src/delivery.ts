/**
 * How the shop hands server copies to pixelpair: through the durable outbox when it is
 * configured (a unique key on pixel id + event + event_id makes a second enqueue of the
 * same purchase a no-op), else straight through createTikTok. Either way the shop keeps a
 * small log of what it handed over, shown at /__demo/deliveries.
 */
import type { Envelope } from './shop/envelopes.js';

export interface DeliveryRecord {
  eventId: string;
  event: string;
  at: string;
  /** `sent`, `enqueued`, `duplicate`, `rejected` or `failed`. */
  status: string;
  detail?: unknown;
}

export interface Delivery {
  deliver(envelope: Envelope): Promise<DeliveryRecord>;
  records(): DeliveryRecord[];
  /** Resolves once everything handed over so far has been attempted (tests and shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A test hook: changes the server copy just before it is handed over (proves the pair check can fail). */
export type MutateServerCopy = (envelope: Envelope) => Envelope;

export interface DeliveryBackend {
  /** Hands one envelope over; the answer is a value, never a throw for a delivery failure. */
  hand(envelope: Envelope): Promise<{ status: string; detail?: unknown }>;
  idle?(): Promise<void>;
  close(): Promise<void>;
}

export function createDelivery(backend: DeliveryBackend, mutate?: MutateServerCopy): Delivery {
  const log: DeliveryRecord[] = [];
  const inFlight = new Set<Promise<unknown>>();
  return {
    async deliver(original) {
      const envelope = mutate ? mutate(structuredClone(original)) : original;
      const job = backend.hand(envelope).catch((error: unknown) => ({ status: 'failed', detail: error instanceof Error ? error.message : String(error) }));
      inFlight.add(job);
      try {
        const { status, detail } = await job;
        const record: DeliveryRecord = { eventId: envelope.eventId, event: envelope.event, at: new Date().toISOString(), status, ...(detail === undefined ? {} : { detail }) };
        log.push(record);
        if (log.length > 500) log.shift();
        return record;
      } finally {
        inFlight.delete(job);
      }
    },
    records: () => [...log],
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      await backend.idle?.();
    },
    async close() {
      await this.idle();
      await backend.close();
    },
  };
}
