/** Reading the stand-in's records in the words the tests use. */
import type { Demo } from '@pixelpair/demo-store';
import type { AcceptedEvent, GoogleAcceptedEvent, GtagCall, MetaAcceptedEvent, MetaPixelCall, PixelCall } from '@pixelpair/emulator';

export interface Records {
  pixelId: string;
  /** Server copies the stand-in accepted, in arrival order. */
  serverEvents(): AcceptedEvent[];
  serverEvent(event: string, eventId: string): AcceptedEvent | undefined;
  /** Every recorded ttq call, in call order. */
  pixelCalls(): PixelCall[];
  /** `ttq.track` calls that would have reached TikTok. */
  sentTracks(): PixelCall[];
  /** Page views that would have reached TikTok (ours and TikTok's automatic ones). */
  sentPageViews(): PixelCall[];
  /** Every Events API request with its answer code. */
  requests(): ReturnType<NonNullable<Demo['emulator']>['records']>['requests'];
  /** Waits until the store has handed over and the outbox delivered everything so far. */
  settled(): Promise<void>;
  /** Meta: Conversions API copies and `fbq` calls, as the Meta stand-in recorded them. */
  meta: MetaRecordsView;
  /** Google: Data Manager copies and `gtag` calls, as the Google stand-in recorded them. */
  google: GoogleRecordsView;
}

export interface MetaRecordsView {
  pixelId: string | undefined;
  serverEvents(): MetaAcceptedEvent[];
  /** By Meta's name for the event (`Purchase`, not `CompletePayment`). */
  serverEvent(event: string, eventId: string): MetaAcceptedEvent | undefined;
  /** Every `fbq` call, in call order; a held fire released later appears once, as released. */
  pixelCalls(): MetaPixelCall[];
  /** `fbq('track' | 'trackCustom', …)` fires that would have reached Meta (PageView included). */
  sentFires(): MetaPixelCall[];
}

export interface GoogleRecordsView {
  serverEvents(): GoogleAcceptedEvent[];
  serverEvent(transactionId: string): GoogleAcceptedEvent | undefined;
  /** Every `gtag` call, in call order; a held hit released later appears once, as released. */
  tagCalls(): GtagCall[];
  /** Google Ads conversions the tag sent (with cookies, or cookieless after ad_storage was refused). */
  conversions(): GtagCall[];
}

interface Call { time: number; callId: string }
const callNumber = (call: Call) => Number(call.callId.split('-').pop()) || 0;

/**
 * The pixel stub posts every call on its own request, so arrival order can differ from call
 * order: sort by the browser's clock, then by the page's call counter.
 */
export const inCallOrder = <T extends Call>(calls: T[]): T[] => calls.sort((a, b) => a.time - b.time || callNumber(a) - callNumber(b));

/** The fbq and gtag stubs record a held call again under its callId when released: the last record is its fate. */
const lastPerCall = <T extends Call>(calls: readonly T[]): T[] => inCallOrder([...new Map(calls.map((c) => [c.callId, c])).values()]);

const FIRES = new Set(['track', 'trackCustom']);

export function createRecords(demo: Demo): Records {
  const emulator = demo.emulator!;
  const all = () => emulator.records();
  return {
    pixelId: demo.pixelId,
    serverEvents: () => all().events,
    serverEvent: (event, eventId) => all().events.find((e) => e.event === event && e.eventId === eventId),
    pixelCalls: () => inCallOrder(all().pixel),
    sentTracks: () => inCallOrder(all().pixel.filter((c) => c.method === 'track' && c.status === 'sent')),
    sentPageViews: () => inCallOrder(all().pixel.filter((c) => c.method === 'page' && c.status === 'sent')),
    requests: () => all().requests,
    settled: () => demo.store.delivery.idle(),
    meta: {
      pixelId: demo.metaPixelId,
      serverEvents: () => emulator.meta.records().events,
      serverEvent: (event, eventId) => emulator.meta.records().events.find((e) => e.event === event && e.eventId === eventId),
      pixelCalls: () => lastPerCall(emulator.meta.records().pixel),
      sentFires: () => lastPerCall(emulator.meta.records().pixel).filter((c) => FIRES.has(c.method) && c.status === 'sent'),
    },
    google: {
      serverEvents: () => emulator.google.records().events,
      serverEvent: (transactionId) => emulator.google.records().events.find((e) => e.transactionId === transactionId),
      tagCalls: () => lastPerCall(emulator.google.records().tag),
      conversions: () => lastPerCall(emulator.google.records().tag).filter((c) => c.conversion && (c.status === 'sent' || c.status === 'cookieless')),
    },
  };
}
