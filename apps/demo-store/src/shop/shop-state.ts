/**
 * Carts, orders and leads, kept in memory. Paying an order is idempotent: the first
 * confirmation flips it to paid and says so; every later one (a thank-you reload, the
 * provider's webhook arriving after the redirect, a retried job) is reported as a repeat,
 * so only the first one sends the server copy. A cancelled payment puts the order's lines
 * back into its cart, and a cancelled order can no longer be paid.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { StoredContext } from './stored-context.js';
import { findProduct, money } from './catalog.js';
import type { Product } from './catalog.js';

export interface CartLine {
  product: Product;
  quantity: number;
}

export interface Cart {
  id: string;
  lines: CartLine[];
  context?: StoredContext;
  /** Counters that never go back, so per-action event_ids stay unique for the cart's life. */
  adds: number;
  orders: number;
}

export interface Order {
  id: string;
  cartId: string;
  lines: CartLine[];
  value: number;
  currency: string;
  email: string;
  phone: string;
  country: string;
  status: 'pending' | 'paid' | 'cancelled';
  paymentId?: string;
  paidAt?: string;
  context: StoredContext;
  createdAt: string;
}

export interface Lead {
  id: string;
  email: string;
  message: string;
  context: StoredContext;
  createdAt: string;
}

export type PaidResult = { ok: true; order: Order; first: boolean } | { ok: false; reason: 'unknown_order' | 'order_cancelled' };

export type CancelResult = { ok: true; order: Order; cart: Cart } | { ok: false; reason: 'unknown_order' | 'order_paid' };

/** Most of one product a cart line holds. */
export const MAX_LINE_QUANTITY = 99;

export interface ShopState {
  cart(id: string | undefined): Cart;
  addToCart(cartId: string, productId: string, quantity: number, context?: StoredContext): Cart | undefined;
  /** Sets a line's quantity (0 removes it); undefined for an unknown line or a silly quantity. */
  setQuantity(cartId: string, productId: string, quantity: number): Cart | undefined;
  placeOrder(input: { cartId: string; email: string; phone: string; country: string; currency: string; context: StoredContext }): Order | undefined;
  order(id: string): Order | undefined;
  markPaid(orderId: string, paymentId: string, now?: Date): PaidResult;
  /** The shopper cancelled on the payment page: the order is void and its lines go back into the cart. */
  cancelOrder(orderId: string): CancelResult;
  addLead(input: { email: string; message: string; context: StoredContext }): Lead;
  lead(id: string): Lead | undefined;
}

export function createShopState(): ShopState {
  const carts = new Map<string, Cart>();
  const orders = new Map<string, Order>();
  const leads = new Map<string, Lead>();
  // Readable numeric ids like the design notes' `ord_10492_…`, offset per process so two
  // demo runs against the same real pixel do not reuse ids inside TikTok's 48 h dedup window.
  let nextOrder = randomInt(10_000, 90_000);
  let nextLead = randomInt(70_000, 99_000);

  const cart = (id: string | undefined): Cart => {
    const existing = id ? carts.get(id) : undefined;
    if (existing) return existing;
    const created: Cart = { id: id && /^c[0-9a-f]{12}$/.test(id) ? id : `c${randomBytes(6).toString('hex')}`, lines: [], adds: 0, orders: 0 };
    carts.set(created.id, created);
    return created;
  };

  return {
    cart,
    addToCart(cartId, productId, quantity, context) {
      const product = findProduct(productId);
      if (!product || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) return undefined;
      const target = cart(cartId);
      const line = target.lines.find((l) => l.product.id === productId);
      if (line) line.quantity = Math.min(MAX_LINE_QUANTITY, line.quantity + quantity);
      else target.lines.push({ product, quantity });
      target.adds += 1;
      if (context) target.context = context;
      return target;
    },
    setQuantity(cartId, productId, quantity) {
      const target = carts.get(cartId);
      const line = target?.lines.find((l) => l.product.id === productId);
      if (!target || !line || !Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LINE_QUANTITY) return undefined;
      if (quantity === 0) target.lines = target.lines.filter((l) => l !== line);
      else line.quantity = quantity;
      return target;
    },
    placeOrder({ cartId, email, phone, country, currency, context }) {
      const source = carts.get(cartId);
      if (!source || source.lines.length === 0) return undefined;
      const lines = source.lines.map((l) => ({ ...l }));
      const order: Order = {
        id: String(nextOrder++),
        cartId,
        lines,
        value: money(lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0)),
        currency,
        email,
        phone,
        country,
        status: 'pending',
        context,
        createdAt: new Date().toISOString(),
      };
      orders.set(order.id, order);
      source.lines = [];
      source.orders += 1;
      return order;
    },
    order: (id) => orders.get(id),
    markPaid(orderId, paymentId, now = new Date()) {
      const order = orders.get(orderId);
      if (!order) return { ok: false, reason: 'unknown_order' };
      if (order.status === 'paid') return { ok: true, order, first: false };
      if (order.status === 'cancelled') return { ok: false, reason: 'order_cancelled' };
      order.status = 'paid';
      order.paymentId = paymentId;
      order.paidAt = now.toISOString();
      return { ok: true, order, first: true };
    },
    cancelOrder(orderId) {
      const order = orders.get(orderId);
      if (!order) return { ok: false, reason: 'unknown_order' };
      if (order.status === 'paid') return { ok: false, reason: 'order_paid' };
      const target = cart(order.cartId);
      if (order.status === 'pending') {
        order.status = 'cancelled';
        // Back into the cart, next to anything added since (a second tab), without passing the line limit.
        for (const l of order.lines) {
          const line = target.lines.find((x) => x.product.id === l.product.id);
          if (line) line.quantity = Math.min(MAX_LINE_QUANTITY, line.quantity + l.quantity);
          else target.lines.push({ ...l });
        }
      }
      return { ok: true, order, cart: target };
    },
    addLead({ email, message, context }) {
      const lead: Lead = { id: String(nextLead++), email, message, context, createdAt: new Date().toISOString() };
      leads.set(lead.id, lead);
      return lead;
    },
    lead: (id) => leads.get(id),
  };
}

/** The shop's customer id for an order (guest checkout: one per cart), sent hashed as external_id. */
export const customerId = (order: Pick<Order, 'cartId'>): string => `cust_${order.cartId}`;
