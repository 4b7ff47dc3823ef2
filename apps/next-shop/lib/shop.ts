/**
 * The shop's own records: a tiny catalogue and in-memory carts and orders. Replace this file
 * with your database. What matters for pixelpair is that the browser's evidence (click ids,
 * cookies, consent) and the request's (IP, user agent) are stored on the cart and the order,
 * so the server copy sent later is built from stored facts, never from values made up then.
 */
import { randomUUID } from 'node:crypto';
import { cartEventId, orderEventId } from '@pixelpair/core';
import type { ConsentState } from '@pixelpair/core';

export const CURRENCY = 'EUR';

export interface Product {
  id: string;
  name: string;
  price: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'SKU-100', name: 'Trail socks', price: 14.9 },
  { id: 'SKU-200', name: 'Running cap', price: 24.5 },
  { id: 'SKU-300', name: 'Rain shell', price: 129.95 },
];

export const findProduct = (id: string) => PRODUCTS.find((p) => p.id === id);

/** What the browser and the request showed about the shopper. */
export interface Evidence {
  ttclid?: string;
  ttp?: string;
  fbc?: string;
  fbp?: string;
  gclid?: string;
  gbraid?: string;
  wbraid?: string;
  ip?: string;
  userAgent?: string;
  page?: { url?: string; referrer?: string };
  consent?: ConsentState;
}

export interface Line {
  product: Product;
  quantity: number;
}

export interface Cart {
  id: string;
  lines: Line[];
  /** Each add's event_id (`cart_<id>-<n>_add_to_cart`) → its product, so the hand-off can only name a real add. */
  added: Map<string, Product>;
  evidence: Evidence;
}

export interface Order {
  id: string;
  email: string;
  lines: Line[];
  value: number;
  createdAt: Date;
  paidAt?: Date;
  evidence: Evidence;
}

// On globalThis: Next.js may load this module once per route bundle, and all must share one shop.
interface Db {
  carts: Map<string, Cart>;
  orders: Map<string, Order>;
}
const db: Db = ((globalThis as { __nextShop?: Db }).__nextShop ??= { carts: new Map(), orders: new Map() });

export function cart(id: string | undefined): Cart {
  const existing = id ? db.carts.get(id) : undefined;
  if (existing) return existing;
  // A letter first: an all-digit id could look like a phone number, which core refuses as an event id.
  const created: Cart = { id: `c${randomUUID().slice(0, 8)}`, lines: [], added: new Map(), evidence: {} };
  db.carts.set(created.id, created);
  return created;
}

export const findCart = (id: string | undefined) => (id ? db.carts.get(id) : undefined);

/** Adds one of `product` and returns the add's event_id: the browser's `ttq.track` and the server copy both use it. */
export function addLine(c: Cart, product: Product): string {
  const line = c.lines.find((l) => l.product.id === product.id);
  if (line) line.quantity += 1;
  else c.lines.push({ product, quantity: 1 });
  const eventId = cartEventId(`${c.id}-${c.added.size + 1}`);
  c.added.set(eventId, product);
  return eventId;
}

export const total = (lines: readonly Line[]) => Math.round(lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0) * 100) / 100;

export function placeOrder(c: Cart, email: string, evidence: Evidence): Order {
  const order: Order = { id: String(10_000 + db.orders.size + 1), email, lines: c.lines.map((l) => ({ ...l })), value: total(c.lines), createdAt: new Date(), evidence };
  db.orders.set(order.id, order);
  db.carts.delete(c.id);
  return order;
}

export const findOrder = (id: string) => db.orders.get(id);

/** `ord_<id>_complete_payment`: core's convention, so the thank-you page mints the same id from the order id alone. */
export const purchaseEventId = (order: Order) => orderEventId(order.id);

/** True only the first time: the payment provider may confirm twice, the purchase is sent once. */
export function markPaid(order: Order): boolean {
  if (order.paidAt) return false;
  order.paidAt = new Date();
  return true;
}

export const price = (amount: number) => new Intl.NumberFormat('en-IE', { style: 'currency', currency: CURRENCY }).format(amount);
