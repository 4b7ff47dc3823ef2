import { beforeEach, describe, expect, it } from 'vitest';
import { freshApi, recordingTtq, resetPage } from './test-helpers.js';

beforeEach(() => resetPage('https://shop.example.com/thank-you'));

describe('track', () => {
  it('calls ttq.track(event, properties, { event_id }) and returns that event_id', async () => {
    const calls = recordingTtq();
    const { track } = await freshApi();
    const id = track('ViewContent', { value: 12, currency: 'EUR' });
    expect(id).toMatch(/^evt_/);
    expect(calls).toEqual([['track', 'ViewContent', { value: 12, currency: 'EUR' }, { event_id: id }]]);
  });

  it("uses the caller's id, e.g. core's orderEventId, so the server copy can match it", async () => {
    const calls = recordingTtq();
    const { track, orderEventId } = await freshApi();
    const id = track('CompletePayment', { value: 10, currency: 'EUR' }, { eventId: orderEventId(10492) });
    expect(id).toBe('ord_10492_complete_payment');
    expect(calls[0]![3]).toEqual({ event_id: 'ord_10492_complete_payment' });
  });

  it('still returns an id when the Pixel is absent or throws', async () => {
    const { track } = await freshApi();
    expect(track('AddToCart')).toMatch(/^evt_/);
    (window as any).ttq = { track: () => { throw new Error('blocked'); } };
    expect(() => track('AddToCart', {}, { eventId: 'cart_1_add_to_cart' })).not.toThrow();
    expect(track('AddToCart', {}, { eventId: 'cart_1_add_to_cart' })).toBe('cart_1_add_to_cart');
  });

  it('never throws on odd arguments', async () => {
    recordingTtq();
    const { track } = await freshApi();
    expect(typeof (track as any)()).toBe('string');
    expect(typeof (track as any)('Lead', null, null)).toBe('string');
    expect(typeof (track as any)('Lead', 'x', 5)).toBe('string');
  });
});

describe('identify', () => {
  it("forwards identity with TikTok's browser keys", async () => {
    const calls = recordingTtq();
    const { identify } = await freshApi();
    identify({ email: 'alice@example.com', phone: '+12133734253', externalId: 'u-1' });
    expect(calls).toEqual([['identify', { email: 'alice@example.com', phone_number: '+12133734253', external_id: 'u-1' }]]);
  });

  it('leaves out empty and non-string values, and sends nothing when nothing is left', async () => {
    const calls = recordingTtq();
    const { identify } = await freshApi();
    identify({ email: 'a@b.co', phone: '' });
    identify({ externalId: 42 as any });
    (identify as any)(null);
    expect(calls).toEqual([['identify', { email: 'a@b.co' }]]);
  });

  it('keeps identity out of the context and hand-offs', async () => {
    recordingTtq();
    const { identify, context, withContext } = await freshApi();
    identify({ email: 'alice@example.com', phone: '+12133734253' });
    const serialised = JSON.stringify([context(), withContext({ cart: 1 })]);
    expect(serialised).not.toContain('alice');
    expect(serialised).not.toContain('2133734253');
  });
});
