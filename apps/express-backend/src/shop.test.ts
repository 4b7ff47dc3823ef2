import type { CapturedContext, Handoff } from '@pixelpair/core';
import { prepareEvent } from '@pixelpair/server';
import { describe, expect, it } from 'vitest';
import { cartEnvelope, markPaid, placeOrder, PRODUCTS, purchaseEnvelope } from './shop.js';

const browser: CapturedContext = {
  ttclid: 'E.C.P.click',
  ttp: 'ttp-cookie',
  userAgent: 'Browser/1.0',
  page: { url: 'http://shop.test/' },
  consent: { adUserData: 'granted', adPersonalization: 'granted' },
  capturedAt: '2026-01-01T00:00:00.000Z',
};
const shell = PRODUCTS.find((p) => p.id === 'SKU-300')!;
const handoff = (over: Partial<Handoff> = {}): Handoff => ({
  event: 'AddToCart',
  eventId: 'evt_1',
  properties: { value: 0.01, currency: 'USD', contents: [{ content_id: shell.id, quantity: 1, price: 0.01 }] },
  context: browser,
  ...over,
});
const request = { ip: '203.0.113.9', userAgent: 'Request/1.0' };

describe('cartEnvelope', () => {
  it("keeps the browser's event_id and evidence but takes product, price and currency from the catalogue", () => {
    const envelope = cartEnvelope(handoff(), request)!;
    expect(envelope).toMatchObject({ event: 'AddToCart', eventId: 'evt_1', user: { ttclid: 'E.C.P.click', ttp: 'ttp-cookie', ip: '203.0.113.9', userAgent: 'Browser/1.0' } });
    expect(envelope.properties).toMatchObject({ value: shell.price, currency: 'EUR', contents: [{ contentId: shell.id, price: shell.price }] });
    expect(prepareEvent(envelope, { pixelId: 'CPIXEL' }).ok).toBe(true);
  });

  it('sends nothing for another event or a product the catalogue does not have', () => {
    expect(cartEnvelope(handoff({ event: 'CompletePayment' }), request)).toBeUndefined();
    expect(cartEnvelope(handoff({ properties: { contents: [{ content_id: 'SKU-FAKE' }] } }), request)).toBeUndefined();
    expect(cartEnvelope(handoff({ properties: {} }), request)).toBeUndefined();
  });
});

describe('purchaseEnvelope', () => {
  it("uses core's order id convention and the stored order, and is paid once", () => {
    const order = placeOrder('alice@example.com', shell, { ...browser, ip: '203.0.113.9' });
    expect(markPaid(order)).toBe(true);
    expect(markPaid(order)).toBe(false);
    const envelope = purchaseEnvelope(order);
    expect(envelope).toMatchObject({ event: 'CompletePayment', eventId: `ord_${order.id}_complete_payment`, user: { email: 'alice@example.com', ip: '203.0.113.9' } });
    expect(envelope.properties).toMatchObject({ value: shell.price, currency: 'EUR', orderId: order.id });
    const prepared = prepareEvent(envelope, { pixelId: 'CPIXEL' });
    expect(prepared.ok && prepared.prepared.log.matchKeys).toMatchObject({ email: true, ttclid: true, ttp: true, ip_user_agent: true });
  });
});
