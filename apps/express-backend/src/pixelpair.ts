/**
 * pixelpair for a long-running Node backend: server copies go into a durable outbox (SQLite,
 * one file, no server to run) and an in-process worker delivers them with retries. A
 * checkout never waits on TikTok, a deploy never drops an event in flight, and an outage
 * fills a file, not memory. The unique key (pixel id + event + event_id) makes a second
 * enqueue of the same purchase a reported no-op.
 */
import { tiktokDestination, type AnyDestination } from '@pixelpair/server';
// import { metaDestination, googleDestination } from '@pixelpair/server';
import { createOutbox, createSqliteStore, startWorker, type Outbox, type OutboxWorker } from '@pixelpair/server/outbox';

export interface PixelpairSettings {
  /** The SQLite file; `./pixelpair.db` by default. Several processes on one host may share it. */
  outboxPath: string;
  tiktok: { pixelId: string; accessToken?: string; apiUrl?: string; testEventCode?: string };
}

export interface Pixelpair {
  outbox: Outbox;
  worker: OutboxWorker;
  /** Finishes or hands back in-flight deliveries (within the deadline), then closes the file. */
  close(deadlineMs?: number): Promise<void>;
}

export function startPixelpair(settings: PixelpairSettings): Pixelpair {
  const destinations: AnyDestination[] = [
    tiktokDestination(settings.tiktok),
    // Meta (Conversions API): the same envelopes, deduplicated against the Meta Pixel on the same event_id.
    // metaDestination({ pixelId: process.env.META_PIXEL_ID!, accessToken: process.env.META_ACCESS_TOKEN }),
    // Google (Data Manager API): each event name maps to a conversion action; other events are skipped.
    // googleDestination({ customerId: process.env.GOOGLE_ADS_CUSTOMER_ID!, conversionActions: { CompletePayment: '123456789' } }),
  ];
  const store = createSqliteStore(settings.outboxPath);
  const outbox = createOutbox({ store, destinations, defaultCountry: 'DE' });
  // Each destination gets its own lanes: a Meta outage never delays TikTok.
  const worker = startWorker(
    { store, destinations },
    { onAlert: (a) => console.error(`pixelpair alert: ${a.destination} ${a.kind} (${a.reason}), ${a.events} event(s)`) },
  );
  return {
    outbox,
    worker,
    async close(deadlineMs = 10_000) {
      await worker.close({ deadlineMs });
      await store.close();
    },
  };
}
