import { describe, expect, it, vi } from 'vitest';
import { cartEventId, eventId, leadEventId, orderEventId } from './event-ids.js';

describe('event id helpers in the browser', () => {
  it("follow core's convention", () => {
    expect(orderEventId(10492)).toBe('ord_10492_complete_payment');
    expect(cartEventId('c-7')).toBe('cart_c-7_add_to_cart');
    expect(leadEventId(77821)).toBe('lead_77821_submit');
    expect(eventId('order', 1, 'Purchase')).toBe('ord_1_purchase');
  });

  it('never throw into the page: personal data as an id gives a random id and a warning in debug', async () => {
    const { state } = await import('./state.js');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    state._debug = true;
    try {
      const id = orderEventId('alice@example.com');
      expect(id).toMatch(/^evt_/);
      expect(id).not.toContain('alice');
      expect(() => leadEventId('+12133734253')).not.toThrow();
      expect(warn).toHaveBeenCalled();
    } finally {
      state._debug = false;
      warn.mockRestore();
    }
  });
});
