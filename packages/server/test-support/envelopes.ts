/** Envelope fixtures with a fresh event time, so the 7-day window never makes tests rot. */
export const PIXEL_ID = 'CPIXEL0123456789ABCD';
export const TOKEN = 'tok_SECRET_7f3a9c1e5b2d4f60';
export const PLAIN_EMAIL = 'alice.tester@example.com';
export const PLAIN_PHONE = '+4915112345678';

export function envelope(i: number, extra: Record<string, unknown> = {}) {
  return {
    event: 'CompletePayment',
    eventId: `ord_${10000 + i}_complete_payment`,
    eventTime: Math.floor(Date.now() / 1000) - 60,
    user: { email: PLAIN_EMAIL, phone: PLAIN_PHONE, externalId: `cust_${i}`, ttclid: 'E.C.P.abc', ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1', ip: '203.0.113.42', userAgent: 'Mozilla/5.0' },
    properties: { value: 129.95, currency: 'EUR', contents: [{ contentId: 'SKU-481', quantity: 1, price: 129.95 }], orderId: String(10000 + i) },
    consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'DE' },
    ...extra,
  };
}
