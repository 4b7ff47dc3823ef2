/** Reading the stand-in's records in the words the tests use. */
import type { Demo } from '@pixelpair/demo-store';
import type { AcceptedEvent, PixelCall } from '@pixelpair/emulator';

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
}

const callNumber = (call: PixelCall) => Number(call.callId.split('-').pop()) || 0;

/**
 * The pixel stub posts every call on its own request, so arrival order can differ from call
 * order: sort by the browser's clock, then by the page's call counter.
 */
export const inCallOrder = (calls: PixelCall[]): PixelCall[] => calls.sort((a, b) => a.time - b.time || callNumber(a) - callNumber(b));

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
  };
}
