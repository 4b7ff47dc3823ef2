/**
 * The server twin: one client for the whole app, and the server copies built from the shop's
 * records. Sending runs after the response (`after`), so checkout never waits on TikTok; the
 * client retries on its own and logs every outcome (JSON on stderr). For delivery that must
 * survive a restart, use the durable outbox instead (see apps/express-backend).
 */
import { createClient, tiktokDestination, type Envelope, type PixelpairClient } from '@pixelpair/server';
// import { metaDestination, googleDestination } from '@pixelpair/server';
import { after } from 'next/server';
import { CURRENCY, purchaseEventId, type Evidence, type Order, type Product } from './shop';

function createPixelpair(): PixelpairClient {
  return createClient({
    destinations: [
      // TIKTOK_API_URL points at the local stand-in in development; unset, TikTok's Events API.
      tiktokDestination({
        pixelId: process.env.TIKTOK_PIXEL_ID ?? '',
        accessToken: process.env.TIKTOK_ACCESS_TOKEN,
        apiUrl: process.env.TIKTOK_API_URL,
        testEventCode: process.env.TIKTOK_TEST_EVENT_CODE,
      }),
      // Meta (Conversions API), the same envelopes, deduplicated on the same event_id:
      // metaDestination({ pixelId: process.env.META_PIXEL_ID!, accessToken: process.env.META_ACCESS_TOKEN }),
      // Google (Data Manager API): each event name maps to a conversion action; others are skipped:
      // googleDestination({ customerId: process.env.GOOGLE_ADS_CUSTOMER_ID!, conversionActions: { CompletePayment: '123456789' } }),
    ],
    defaultCountry: 'DE',
  });
}

const app = globalThis as { __pixelpair?: PixelpairClient };
/** Created on first use, so `next build` needs no credentials. */
const pixelpair = () => (app.__pixelpair ??= createPixelpair());

/** Sends the server copy once the response has gone out. */
export function sendServerCopy(envelope: Envelope): void {
  after(() => pixelpair().send([envelope]).then(() => undefined));
}

function user(e: Evidence): NonNullable<Envelope['user']> {
  const { ttclid, ttp, fbc, fbp, gclid, gbraid, wbraid, ip, userAgent } = e;
  return Object.fromEntries(Object.entries({ ttclid, ttp, fbc, fbp, gclid, gbraid, wbraid, ip, userAgent }).filter(([, v]) => v));
}

const shared = (e: Evidence) => ({ ...(e.page ? { page: e.page } : {}), ...(e.consent ? { consent: e.consent } : {}) });

export function addToCartEnvelope(eventId: string, product: Product, evidence: Evidence): Envelope {
  return {
    event: 'AddToCart',
    eventId,
    eventTime: Math.floor(Date.now() / 1000),
    user: user(evidence),
    properties: { value: product.price, currency: CURRENCY, contentType: 'product', contents: [{ contentId: product.id, quantity: 1, price: product.price }] },
    ...shared(evidence),
  };
}

/** The purchase, from the order as stored: the totals are the shop's, never the browser's. */
export function purchaseEnvelope(order: Order): Envelope {
  return {
    event: 'CompletePayment',
    eventId: purchaseEventId(order),
    eventTime: Math.floor((order.paidAt ?? order.createdAt).getTime() / 1000),
    user: { ...user(order.evidence), email: order.email },
    properties: {
      value: order.value,
      currency: CURRENCY,
      contentType: 'product',
      orderId: order.id,
      contents: order.lines.map((l) => ({ contentId: l.product.id, quantity: l.quantity, price: l.product.price })),
    },
    ...shared(order.evidence),
  };
}
