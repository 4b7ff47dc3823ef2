/**
 * The shop's records (replace with your database) and the server copies built from them.
 * Upper-funnel events reach the server through the collect hand-off with the browser's id;
 * their properties are rebuilt from the catalogue. The purchase is built only from the
 * stored order: its value never comes from the browser.
 */
import { orderEventId, type CapturedContext, type Handoff } from '@pixelpair/core';
import type { CollectContext, Envelope, RequestContext } from '@pixelpair/server';

export const CURRENCY = 'EUR';

export interface Product {
  id: string;
  name: string;
  price: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'SKU-100', name: 'Trail socks', price: 14.9 },
  { id: 'SKU-300', name: 'Rain shell', price: 129.95 },
];

export const findProduct = (id: unknown) => PRODUCTS.find((p) => p.id === id);

/** What the browser (hand-off or hidden form field) and the request showed about the shopper. */
export type Evidence = Pick<CapturedContext, 'ttclid' | 'ttp' | 'fbc' | 'fbp' | 'gclid' | 'userAgent' | 'page' | 'consent'> & { ip?: string };

export interface Order {
  id: string;
  email: string;
  product: Product;
  createdAt: Date;
  paidAt?: Date;
  evidence: Evidence;
}

const orders = new Map<string, Order>();

/** The browser's capture wins for what only it saw; the request supplies the IP and fills gaps. */
export function evidenceFrom(browser: CapturedContext, request: RequestContext): Evidence {
  const { ttclid = request.ttclid, ttp = request.ttp, fbc, fbp, gclid, userAgent = request.userAgent, page, consent } = browser;
  return { ttclid, ttp, fbc, fbp, gclid, userAgent, page, consent, ip: request.ip };
}

export function placeOrder(email: string, product: Product, evidence: Evidence): Order {
  const order: Order = { id: String(20_000 + orders.size + 1), email, product, createdAt: new Date(), evidence };
  orders.set(order.id, order);
  return order;
}

export const findOrder = (id: string) => orders.get(id);

/** True only the first time: a provider that confirms twice still gives one purchase. */
export function markPaid(order: Order): boolean {
  if (order.paidAt) return false;
  order.paidAt = new Date();
  return true;
}

function user(e: Evidence): NonNullable<Envelope['user']> {
  const { ttclid, ttp, fbc, fbp, gclid, ip, userAgent } = e;
  return Object.fromEntries(Object.entries({ ttclid, ttp, fbc, fbp, gclid, ip, userAgent }).filter(([, v]) => v));
}

const contents = (p: Product, quantity = 1) => [{ contentId: p.id, quantity, price: p.price }];

/** AddToCart from the collect hand-off: the browser's event_id, the catalogue's product and price. */
export function cartEnvelope(handoff: Handoff, ctx: CollectContext): Envelope | undefined {
  const first = (handoff.properties?.contents as Array<{ content_id?: unknown }> | undefined)?.[0];
  const product = findProduct(first?.content_id);
  if (handoff.event !== 'AddToCart' || !product) return undefined;
  const evidence = evidenceFrom(handoff.context, ctx);
  return {
    event: 'AddToCart',
    eventId: handoff.eventId,
    user: user(evidence),
    page: evidence.page,
    consent: evidence.consent,
    properties: { value: product.price, currency: CURRENCY, contentType: 'product', contents: contents(product) },
  };
}

/** `ord_<id>_complete_payment`: the thank-you page renders the same id into `ttq.track`. */
export const purchaseEventId = (order: Order) => orderEventId(order.id);

export function purchaseEnvelope(order: Order): Envelope {
  return {
    event: 'CompletePayment',
    eventId: purchaseEventId(order),
    eventTime: Math.floor((order.paidAt ?? order.createdAt).getTime() / 1000),
    user: { ...user(order.evidence), email: order.email },
    page: order.evidence.page,
    consent: order.evidence.consent,
    properties: { value: order.product.price, currency: CURRENCY, contentType: 'product', orderId: order.id, contents: contents(order.product) },
  };
}
