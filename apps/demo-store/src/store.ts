/**
 * createDemoStore: the storefront as a node:http server. Pages are server-rendered; the
 * browser half is pixelpair's script tag plus /shop.js; server copies go through the
 * delivery (direct or outbox) built from what the shop stored.
 */
import { createServer } from 'node:http';
import { readRequestContext } from '@pixelpair/server';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { createDelivery } from './delivery.js';
import type { Delivery, DeliveryBackend, DeliveryRecord, MutateServerCopy } from './delivery.js';
import { directBackend, outboxBackend } from './backends.js';
import type { OutboxBackendOptions, TikTokTarget } from './backends.js';
import { requestEvidence } from './http/request-evidence.js';
import { cartFromRequest, renderPage } from './http/route-kit.js';
import type { RouteKit, ShopSettings } from './http/route-kit.js';
import type { PixelTagSettings } from './pages/layout.js';
import { sendText } from './http/respond.js';
import { findHandler } from './routes/table.js';
import { CURRENCY } from './shop/catalog.js';
import { confirmPayment } from './shop/confirm-payment.js';
import type { ConfirmResult } from './shop/confirm-payment.js';
import { orderEnvelope } from './shop/envelopes.js';
import { createShopState } from './shop/shop-state.js';
import type { ShopState } from './shop/shop-state.js';

export interface DemoStoreOptions extends TikTokTarget {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The Pixel's events.js URL (the emulator's `/pixel/events.js`); omit to load TikTok's real one. */
  pixelScriptUrl?: string;
  /** The fake payment provider's origin, e.g. `http://127.0.0.1:4400`. */
  paymentOrigin: string;
  /** Shared with the payment provider to sign requests and results. */
  paymentSecret: string;
  purchaseEvent?: ShopSettings['purchaseEvent'];
  leadEvent?: ShopSettings['leadEvent'];
  /** Proxies whose X-Forwarded-For is believed (none by default): pages, forms and /collect alike. */
  trustedProxies?: string[];
  /** Hand-offs per client IP on /collect. Default 600 a minute. */
  collectRateLimit?: { max: number; windowMs?: number };
  /** Server copies go through the durable SQLite outbox by default; `false` sends directly with createTikTok. */
  outbox?: OutboxBackendOptions | false;
  /** Your own backend instead of either (tests). */
  backend?: DeliveryBackend;
  /** Test hook: alter each server copy just before it is handed over. */
  mutateServerCopy?: MutateServerCopy;
  /** `data-debug` on the script tag: pixelpair warns in the console. */
  debug?: boolean;
  /** Link the stand-in's Test Events page in the page footer. */
  testEventsUrl?: string;
}

export interface DemoStore {
  url: string;
  state: ShopState;
  delivery: Delivery;
  /** A second backend job confirming payment (reconciliation): idempotent on the order. */
  confirmPayment(orderId: string, paymentId?: string): Promise<ConfirmResult>;
  /** Hands the order's purchase copy over again, bypassing the order's own idempotency (the outbox's unique key must hold). */
  resendPurchase(orderId: string): Promise<DeliveryRecord | undefined>;
  close(): Promise<void>;
}

/** What the pages' script tag needs of Meta and Google (ids and script URLs; never a token). */
function pagePlatforms({ meta, google }: Pick<DemoStoreOptions, 'meta' | 'google'>): Pick<PixelTagSettings, 'meta' | 'google'> {
  return {
    ...(meta ? { meta: { pixelId: meta.pixelId, ...(meta.pixelScriptUrl ? { pixelScriptUrl: meta.pixelScriptUrl } : {}) } } : {}),
    ...(google ? { google: { tagId: google.tagId, conversionLabels: google.conversionLabels, ...(google.tagScriptUrl ? { tagScriptUrl: google.tagScriptUrl } : {}) } } : {}),
  };
}

export async function createDemoStore(options: DemoStoreOptions): Promise<DemoStore> {
  for (const key of ['pixelId', 'apiUrl', 'accessToken', 'paymentOrigin', 'paymentSecret'] as const) {
    if (!options[key] || typeof options[key] !== 'string') throw new Error(`createDemoStore: options.${key} is required`);
  }
  const host = options.host ?? '127.0.0.1';
  const settings: ShopSettings = {
    purchaseEvent: options.purchaseEvent ?? 'CompletePayment',
    leadEvent: options.leadEvent ?? 'SubmitForm',
    currency: CURRENCY,
    paymentUrl: options.paymentOrigin,
    paymentSecret: options.paymentSecret,
  };
  const state = createShopState();
  const delivery = createDelivery(
    options.backend ?? (options.outbox === false ? directBackend(options) : outboxBackend(options, options.outbox ?? {})),
    options.mutateServerCopy,
  );
  const trustedProxies = options.trustedProxies ?? [];
  // A proxy entry that is not an IP or CIDR would otherwise fail on the first request.
  try {
    readRequestContext(new Request('http://store.invalid/'), { trustedProxies });
  } catch (error) {
    throw new Error(`createDemoStore: options.trustedProxies: ${error instanceof Error ? error.message : String(error)}`);
  }
  let origin = '';
  const kit: RouteKit = {
    settings,
    state,
    delivery,
    pixel: {
      pixelId: options.pixelId,
      ...(options.pixelScriptUrl ? { pixelScriptUrl: options.pixelScriptUrl } : {}),
      ...(options.debug ? { debug: true } : {}),
      ...(options.testEventsUrl ? { testEventsUrl: options.testEventsUrl } : {}),
      ...pagePlatforms(options),
    },
    origin: () => origin,
    evidence: (req) => requestEvidence(req, trustedProxies),
    trustedProxies,
    collectRateLimit: { max: options.collectRateLimit?.max ?? 600, windowMs: options.collectRateLimit?.windowMs ?? 60_000 },
    cartOf: (req, res) => cartFromRequest(kit, req, res),
    render: (req, res, content, renderOptions) => renderPage(kit, req, res, content, renderOptions),
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin || 'http://store.invalid');
    const handler = findHandler(req.method ?? 'GET', url.pathname);
    if (!handler) return sendText(res, 404, 'not found');
    Promise.resolve(handler(req, res, url, kit)).catch((error: unknown) => {
      // A bug in the demo must show up in the test output, not hang the browser.
      console.error('demo-store: handler failed:', error instanceof Error ? error.message : error);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    state,
    delivery,
    confirmPayment: (orderId, paymentId = 'reconciliation') => confirmPayment(state, delivery, settings.purchaseEvent, orderId, paymentId),
    async resendPurchase(orderId) {
      const order = state.order(orderId);
      return order ? delivery.deliver(orderEnvelope(order, settings.purchaseEvent)) : undefined;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await delivery.close();
    },
  };
}
