/**
 * startDemo: everything the demo needs, wired together. Without an account it starts the
 * local stand-ins (TikTok's Events API and pixel, Meta's Conversions API and fbq, Google's
 * Data Manager API, OAuth token endpoint and gtag, and the Test Events page), the fake
 * payment provider on another port, and the store, which then runs all three platforms:
 * its pages' one pixelpair script tag loads the TikTok pixel, fbq and gtag stubs, and every
 * action's server copies go to the three stand-in APIs under the same event id
 * (`platforms` narrows that). With a real TikTok account (`tiktok`), the stand-ins are
 * skipped: server copies go to TikTok (and to Meta / Google when `meta` / `google` are
 * given, with their real ids on the pages) and the pages load the platforms' own scripts.
 */
import { randomBytes } from 'node:crypto';
import { startEmulator } from '@pixelpair/emulator';
import type { Emulator } from '@pixelpair/emulator';
import { createPaymentProvider } from './payment/provider.js';
import type { PaymentProvider } from './payment/provider.js';
import type { GoogleTarget, MetaTarget } from './backends.js';
import { createDemoStore } from './store.js';
import type { DemoStore, DemoStoreOptions } from './store.js';

/** The stand-ins accept any token and (well-formed) id; these are the embedded defaults. */
export const LOCAL_PIXEL_ID = 'CDEMO0PIXEL0PIXELPAIR';
export const LOCAL_ACCESS_TOKEN = 'local-demo-token';
export const LOCAL_META_PIXEL_ID = '1000000000000001';
export const LOCAL_META_ACCESS_TOKEN = 'local-demo-meta-token';
export const LOCAL_GOOGLE_CUSTOMER_ID = '1000000001';
export const LOCAL_GOOGLE_TAG_ID = 'AW-1000000001';
/** One conversion action (server) and one conversion label (tag) per event the demo sends to Google. */
export const LOCAL_GOOGLE_CONVERSIONS = { Purchase: { action: '100001', label: 'purchase' }, Lead: { action: '100002', label: 'lead' } } as const;

export interface RealTikTok {
  accessToken: string;
  pixelId: string;
  testEventCode?: string;
  /** Default TikTok's v1.3 event/track URL. */
  apiUrl?: string;
}

export type StoreExtras = Omit<DemoStoreOptions, 'apiUrl' | 'accessToken' | 'pixelId' | 'testEventCode' | 'pixelScriptUrl' | 'testEventsUrl' | 'paymentOrigin' | 'paymentSecret' | 'port' | 'host' | 'meta' | 'google'>;

export interface DemoOptions {
  /** Send to the real TikTok instead of the local stand-ins. */
  tiktok?: RealTikTok;
  /** With a real TikTok account: Meta too (default: no Meta). */
  meta?: MetaTarget;
  /** With a real TikTok account: Google too (default: no Google). */
  google?: GoogleTarget;
  host?: string;
  /** 0 (default) picks free ports. */
  storePort?: number;
  paymentPort?: number;
  emulatorPort?: number;
  store?: StoreExtras;
  /**
   * On the stand-ins: the platforms the store runs beside TikTok (default both, so the quick
   * start shows three pairs: the pages load the fbq and gtag stubs through the script tag's
   * Meta and Google attributes, and the server copies go to the stand-ins' APIs). `[]` runs
   * TikTok alone.
   */
  platforms?: readonly StandInPlatform[];
}

export type StandInPlatform = 'meta' | 'google';
export const STAND_IN_PLATFORMS: readonly StandInPlatform[] = ['meta', 'google'];

export interface Demo {
  store: DemoStore;
  payment: PaymentProvider;
  /** Absent when sending to the real TikTok. */
  emulator?: Emulator;
  pixelId: string;
  /** The Meta pixel and Google Ads account the demo runs beside TikTok (absent when not configured). */
  metaPixelId?: string;
  googleCustomerId?: string;
  googleTagId?: string;
  urls: { store: string; payment: string; testEvents?: string; api: string; pixelScript?: string; outbox?: string };
  close(): Promise<void>;
}

export const TIKTOK_API_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';

/** Meta and Google on the local stand-ins: the embedded defaults, no account needed (a second store on the same stand-ins uses it too). */
export function standInPlatforms(emulator: Emulator, platforms: readonly StandInPlatform[] = STAND_IN_PLATFORMS): { meta?: MetaTarget; google?: GoogleTarget } {
  const conversions = Object.entries(LOCAL_GOOGLE_CONVERSIONS);
  const all = {
    meta: { pixelId: LOCAL_META_PIXEL_ID, accessToken: LOCAL_META_ACCESS_TOKEN, apiUrl: emulator.meta.apiUrl(LOCAL_META_PIXEL_ID), pixelScriptUrl: emulator.meta.pixelScriptUrl },
    google: {
      customerId: LOCAL_GOOGLE_CUSTOMER_ID,
      conversionActions: Object.fromEntries(conversions.map(([name, c]) => [name, c.action])),
      credentials: emulator.google.serviceAccountKey(),
      tokenUrl: emulator.google.tokenUrl,
      apiUrl: emulator.google.apiUrl,
      tagId: LOCAL_GOOGLE_TAG_ID,
      conversionLabels: Object.fromEntries(conversions.map(([name, c]) => [name, c.label])),
      tagScriptUrl: emulator.google.gtagScriptUrl,
    },
  };
  return {
    ...(platforms.includes('meta') ? { meta: all.meta } : {}),
    ...(platforms.includes('google') ? { google: all.google } : {}),
  };
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const host = options.host ?? '127.0.0.1';
  const paymentSecret = randomBytes(16).toString('hex');
  const emulator = options.tiktok ? undefined : await startEmulator({ host, port: options.emulatorPort ?? 0 });
  const started: Array<{ close(): Promise<void> }> = emulator ? [emulator] : [];
  try {
    const payment = await createPaymentProvider({ secret: paymentSecret, host, port: options.paymentPort ?? 0 });
    started.push(payment);
    const target = options.tiktok
      ? {
          apiUrl: options.tiktok.apiUrl ?? TIKTOK_API_URL, accessToken: options.tiktok.accessToken, pixelId: options.tiktok.pixelId,
          ...(options.tiktok.testEventCode ? { testEventCode: options.tiktok.testEventCode } : {}),
          ...(options.meta ? { meta: options.meta } : {}), ...(options.google ? { google: options.google } : {}),
        }
      : { apiUrl: emulator!.apiUrl, accessToken: LOCAL_ACCESS_TOKEN, pixelId: LOCAL_PIXEL_ID, ...standInPlatforms(emulator!, options.platforms) };
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
      ...(target.meta ? { metaPixelId: target.meta.pixelId } : {}),
      ...(target.google ? { googleCustomerId: target.google.customerId, googleTagId: target.google.tagId } : {}),
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
