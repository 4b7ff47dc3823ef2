import { describe, expect, it } from 'vitest';
import { createShopState } from './shop-state.js';
import { leadEnvelope, orderEnvelope } from './envelopes.js';
import { handoffEnvelope, handoffProperties } from './handoff-envelope.js';
import type { StoredContext } from './stored-context.js';

const stored: StoredContext = {
  ttclid: 'E.C.P.stored', ttp: 'stored-ttp', ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (stored)', locale: 'de-DE',
  page: { url: 'http://shop.test/checkout' },
  consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'DE' },
  capturedAt: '2026-11-25T06:01:00.000Z',
  source: 'form',
};

function paidOrder() {
  const state = createShopState();
  const cart = state.cart(undefined);
  state.addToCart(cart.id, 'SKU-481', 1, stored);
  const order = state.placeOrder({ cartId: cart.id, email: 'a@example.com', phone: '+491701234567', country: 'DE', currency: 'EUR', context: stored })!;
  state.markPaid(order.id, 'pay_1', new Date('2026-11-25T07:00:00Z'));
  return order;
}

describe('server copies from stored records', () => {
  it('builds the purchase copy from the order and its stored context, with the order event_id', () => {
    const order = paidOrder();
    const envelope = orderEnvelope(order, 'CompletePayment');
    expect(envelope).toMatchObject({
      event: 'CompletePayment',
      eventId: `ord_${order.id}_complete_payment`,
      eventTime: Date.parse('2026-11-25T07:00:00Z') / 1000,
      user: { ttclid: 'E.C.P.stored', ttp: 'stored-ttp', ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (stored)', email: 'a@example.com', phone: '+491701234567', externalId: `cust_${order.cartId}`, country: 'DE' },
      page: { url: 'http://shop.test/checkout' },
      properties: { value: 129.95, currency: 'EUR', orderId: order.id, contents: [{ contentId: 'SKU-481', quantity: 1, price: 129.95 }] },
      consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'DE' },
    });
  });

  it('names the event_id after the configured event (Purchase pairs with Purchase)', () => {
    const order = paidOrder();
    expect(orderEnvelope(order, 'Purchase')).toMatchObject({ event: 'Purchase', eventId: `ord_${order.id}_purchase` });
  });

  it('the lead copy uses the lead event_id convention', () => {
    const lead = { id: '77821', email: 'l@example.com', message: '', context: stored, createdAt: '2026-11-25T06:00:00.000Z' };
    expect(leadEnvelope(lead, 'SubmitForm')).toMatchObject({ event: 'SubmitForm', eventId: 'lead_77821_submit', user: { email: 'l@example.com', externalId: 'lead_77821', ttclid: 'E.C.P.stored' } });
  });

  it('maps Pixel property names to envelope names and drops anything else', () => {
    expect(handoffProperties({ value: 10, currency: 'EUR', content_type: 'product', query: 'trail', evil: 'x', contents: [{ content_id: 'SKU-1', quantity: 2, price: 5, extra: 1 }] })).toEqual({
      value: 10, currency: 'EUR', contentType: 'product', query: 'trail', contents: [{ contentId: 'SKU-1', quantity: 2, price: 5 }],
    });
  });

  it('a hand-off copy carries the hand-off context and the browser event_id', () => {
    const envelope = handoffEnvelope('AddToCart', 'cart_c1-1_add_to_cart', { value: 1 }, stored, Date.parse('2026-11-25T06:30:00Z'));
    expect(envelope).toMatchObject({ event: 'AddToCart', eventId: 'cart_c1-1_add_to_cart', eventTime: Date.parse('2026-11-25T06:30:00Z') / 1000, user: { ttclid: 'E.C.P.stored', ip: '203.0.113.9' } });
    expect(envelope.user).not.toHaveProperty('email');
  });
});
