import { describe, expect, it } from 'vitest';
import { UNKNOWN_CONSENT } from '@pixelpair/core';
import { createShopState, customerId } from './shop-state.js';
import type { StoredContext } from './stored-context.js';

const ctx: StoredContext = { page: {}, consent: { ...UNKNOWN_CONSENT }, capturedAt: '2026-11-25T06:00:00.000Z', source: 'request', ip: '203.0.113.7' };

function orderOf(state = createShopState()) {
  const cart = state.cart(undefined);
  state.addToCart(cart.id, 'SKU-481', 2, ctx);
  const order = state.placeOrder({ cartId: cart.id, email: 'a@example.com', phone: '+49 170 1234567', country: 'DE', currency: 'EUR', context: ctx })!;
  return { state, cart, order };
}

describe('shop state', () => {
  it('marks an order paid once: the first confirmation says first, every later one does not', () => {
    const { state, order } = orderOf();
    const first = state.markPaid(order.id, 'pay_1', new Date('2026-11-25T07:00:00Z'));
    const again = state.markPaid(order.id, 'pay_2');
    expect(first).toMatchObject({ ok: true, first: true });
    expect(again).toMatchObject({ ok: true, first: false });
    expect(state.order(order.id)).toMatchObject({ status: 'paid', paymentId: 'pay_1', paidAt: '2026-11-25T07:00:00.000Z' });
  });

  it('refuses to pay an unknown order', () => {
    expect(createShopState().markPaid('nope', 'pay_1')).toEqual({ ok: false, reason: 'unknown_order' });
  });

  it('places an order from the cart with its total, keeps the context, and empties the cart', () => {
    const { cart, order } = orderOf();
    expect(order).toMatchObject({ value: 259.9, currency: 'EUR', status: 'pending', context: ctx });
    expect(order.lines).toHaveLength(1);
    expect(cart.lines).toEqual([]);
    expect(cart).toMatchObject({ adds: 1, orders: 1 });
  });

  it('gives each order its own id and refuses an empty cart', () => {
    const state = createShopState();
    const a = orderOf(state).order;
    const b = orderOf(state).order;
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^\d+$/);
    expect(state.placeOrder({ cartId: state.cart(undefined).id, email: 'x@example.com', phone: '1', country: 'DE', currency: 'EUR', context: ctx })).toBeUndefined();
  });

  it('rejects unknown products and silly quantities', () => {
    const state = createShopState();
    const cart = state.cart(undefined);
    expect(state.addToCart(cart.id, 'SKU-404', 1)).toBeUndefined();
    expect(state.addToCart(cart.id, 'SKU-481', 0)).toBeUndefined();
    expect(state.addToCart(cart.id, 'SKU-481', 1.5)).toBeUndefined();
    expect(cart.lines).toEqual([]);
  });

  it('reuses a known cart id and never adopts a malformed one', () => {
    const state = createShopState();
    const cart = state.cart(undefined);
    expect(state.cart(cart.id)).toBe(cart);
    expect(state.cart('c<script>').id).toMatch(/^c[0-9a-f]{12}$/);
  });

  it('derives the customer id from the cart, never from personal data', () => {
    expect(customerId({ cartId: 'c0123456789ab' })).toBe('cust_c0123456789ab');
  });

  it('changes a line’s quantity, removes it at 0, and refuses unknown lines and silly quantities', () => {
    const state = createShopState();
    const cart = state.cart(undefined);
    state.addToCart(cart.id, 'SKU-481', 1);
    state.addToCart(cart.id, 'SKU-205', 2);
    expect(state.setQuantity(cart.id, 'SKU-481', 3)?.lines.map((l) => [l.product.id, l.quantity])).toEqual([['SKU-481', 3], ['SKU-205', 2]]);
    expect(state.setQuantity(cart.id, 'SKU-205', 0)?.lines.map((l) => l.product.id)).toEqual(['SKU-481']);
    for (const bad of [-1, 1.5, 100, Number.NaN]) expect(state.setQuantity(cart.id, 'SKU-481', bad), String(bad)).toBeUndefined();
    expect(state.setQuantity(cart.id, 'SKU-112', 1), 'not in the cart').toBeUndefined();
    expect(state.setQuantity('c000000000000', 'SKU-481', 1), 'no such cart').toBeUndefined();
    expect(cart.lines).toEqual([expect.objectContaining({ quantity: 3 })]);
    expect(cart.adds, 'a quantity change is not an add (AddToCart ids stay in step)').toBe(2);
  });

  it('a cancelled payment puts the order back into its cart (once) and the order can no longer be paid', () => {
    const { state, cart, order } = orderOf();
    state.addToCart(cart.id, 'SKU-481', 1); // added in another tab meanwhile
    const cancelled = state.cancelOrder(order.id);
    expect(cancelled).toMatchObject({ ok: true, order: { status: 'cancelled' } });
    expect(cart.lines.map((l) => [l.product.id, l.quantity])).toEqual([['SKU-481', 3]]);
    expect(state.cancelOrder(order.id), 'a second cancel changes nothing').toMatchObject({ ok: true });
    expect(cart.lines.map((l) => l.quantity)).toEqual([3]);
    expect(state.markPaid(order.id, 'pay_late')).toEqual({ ok: false, reason: 'order_cancelled' });
    expect(state.cancelOrder('nope')).toEqual({ ok: false, reason: 'unknown_order' });
  });

  it('a paid order cannot be cancelled', () => {
    const { state, order } = orderOf();
    state.markPaid(order.id, 'pay_1');
    expect(state.cancelOrder(order.id)).toEqual({ ok: false, reason: 'order_paid' });
  });
});
