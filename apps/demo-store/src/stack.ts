/**
 * startDemo: everything the demo needs, wired together. Without an account it starts the
 * local TikTok stand-in (Events API + pixel script + Test Events page), the fake payment
 * provider on another port, and the store. With a real account (`tiktok`), the stand-in
 * is skipped: server copies go to TikTok and the pages load TikTok's own events.js.
 */
import { randomBytes } from 'node:crypto';
import { startEmulator } from '@pixelpair/emulator';
import type { Emulator } from '@pixelpair/emulator';
import { createPaymentProvider } from './payment/provider.js';
import type { PaymentProvider } from './payment/provider.js';
import { createDemoStore } from './store.js';
import type { DemoStore, DemoStoreOptions } from './store.js';

/** The stand-in accepts any token and pixel id; these are the embedded defaults. */
export const LOCAL_PIXEL_ID = 'CDEMO0PIXEL0PIXELPAIR';
export const LOCAL_ACCESS_TOKEN = 'local-demo-token';

export interface RealTikTok {
  accessToken: string;
  pixelId: string;
  testEventCode?: string;
  /** Default TikTok's v1.3 event/track URL. */
  apiUrl?: string;
}

export type StoreExtras = Omit<DemoStoreOptions, 'apiUrl' | 'accessToken' | 'pixelId' | 'testEventCode' | 'pixelScriptUrl' | 'testEventsUrl' | 'paymentOrigin' | 'paymentSecret' | 'port' | 'host'>;

export interface DemoOptions {
  /** Send to the real TikTok instead of the local stand-in. */
  tiktok?: RealTikTok;
  host?: string;
  /** 0 (default) picks free ports. */
  storePort?: number;
  paymentPort?: number;
  emulatorPort?: number;
  store?: StoreExtras;
}

export interface Demo {
  store: DemoStore;
  payment: PaymentProvider;
  /** Absent when sending to the real TikTok. */
  emulator?: Emulator;
  pixelId: string;
  urls: { store: string; payment: string; testEvents?: string; api: string; pixelScript?: string; outbox?: string };
  close(): Promise<void>;
}

export const TIKTOK_API_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const host = options.host ?? '127.0.0.1';
  const paymentSecret = randomBytes(16).toString('hex');
  const emulator = options.tiktok ? undefined : await startEmulator({ host, port: options.emulatorPort ?? 0 });
  const started: Array<{ close(): Promise<void> }> = emulator ? [emulator] : [];
  try {
    const payment = await createPaymentProvider({ secret: paymentSecret, host, port: options.paymentPort ?? 0 });
    started.push(payment);
    const target = options.tiktok
      ? { apiUrl: options.tiktok.apiUrl ?? TIKTOK_API_URL, accessToken: options.tiktok.accessToken, pixelId: options.tiktok.pixelId, ...(options.tiktok.testEventCode ? { testEventCode: options.tiktok.testEventCode } : {}) }
      : { apiUrl: emulator!.apiUrl, accessToken: LOCAL_ACCESS_TOKEN, pixelId: LOCAL_PIXEL_ID };
    const store = await createDemoStore({
      ...options.store,
      ...target,
      ...(emulator ? { pixelScriptUrl: emulator.pixelScriptUrl, testEventsUrl: emulator.testEventsUrl } : {}),
      paymentOrigin: payment.url,
      paymentSecret,
      host,
      port: options.storePort ?? 0,
    });
    const outboxPath = options.store?.outbox ? options.store.outbox.path : undefined;
    return {
      store,
      payment,
      ...(emulator ? { emulator } : {}),
      pixelId: target.pixelId,
      urls: {
        store: store.url,
        payment: payment.url,
        api: target.apiUrl,
        ...(emulator ? { testEvents: emulator.testEventsUrl, pixelScript: emulator.pixelScriptUrl } : {}),
        ...(outboxPath ? { outbox: `sqlite:${outboxPath}` } : {}),
      },
      async close() {
        await store.close();
        for (const part of started.reverse()) await part.close();
      },
    };
  } catch (error) {
    for (const part of started.reverse()) await part.close().catch(() => undefined);
    throw error;
  }
}
