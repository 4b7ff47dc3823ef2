import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '@pixelpair/emulator';
import type { Emulator } from '@pixelpair/emulator';
import { createDelivery } from './delivery.js';
import type { DeliveryBackend } from './delivery.js';
import { outboxBackend } from './backends.js';
import type { Envelope } from './shop/envelopes.js';

const envelope = (): Envelope => ({
  event: 'CompletePayment',
  eventId: 'ord_10492_complete_payment',
  eventTime: Math.floor(Date.now() / 1000),
  user: { email: 'a@example.com', ip: '203.0.113.9', userAgent: 'Mozilla/5.0', ttclid: 'E.C.P.x' },
  properties: { value: 10, currency: 'EUR' },
  consent: { adUserData: 'granted', adPersonalization: 'granted' },
});

let emulator: Emulator | undefined;
afterEach(async () => emulator?.close());

describe('delivery', () => {
  it('applies the test hook to a copy, never to the caller’s envelope, and logs what was handed over', async () => {
    const handed: Envelope[] = [];
    const backend: DeliveryBackend = { hand: async (e) => (handed.push(e), { status: 'sent' }), close: async () => undefined };
    const delivery = createDelivery(backend, (e) => ({ ...e, eventId: 'changed' }));
    const original = envelope();
    const record = await delivery.deliver(original);
    expect(handed[0]!.eventId).toBe('changed');
    expect(original.eventId).toBe('ord_10492_complete_payment');
    expect(record).toMatchObject({ eventId: 'changed', status: 'sent' });
    expect(delivery.records()).toHaveLength(1);
  });

  it('a backend that throws becomes a failed record, not an exception', async () => {
    const delivery = createDelivery({ hand: async () => { throw new Error('disk full'); }, close: async () => undefined });
    expect(await delivery.deliver(envelope())).toMatchObject({ status: 'failed', detail: 'disk full' });
  });

  it('the SQLite outbox delivers once and reports a second enqueue of the same purchase as a duplicate', async () => {
    emulator = await startEmulator();
    const delivery = createDelivery(outboxBackend({ apiUrl: emulator.apiUrl, accessToken: 'unit-token', pixelId: 'CUNIT' }));
    expect((await delivery.deliver(envelope())).status).toBe('enqueued');
    expect((await delivery.deliver(envelope())).status).toBe('duplicate');
    await delivery.idle();
    expect(emulator.acceptances('CUNIT', 'CompletePayment', 'ord_10492_complete_payment')).toBe(1);
    await delivery.close();
  });

  it('the outbox refuses an invalid envelope with the field path', async () => {
    emulator = await startEmulator();
    const delivery = createDelivery(outboxBackend({ apiUrl: emulator.apiUrl, accessToken: 'unit-token', pixelId: 'CUNIT' }));
    const record = await delivery.deliver({ ...envelope(), properties: { currency: 'euro' } });
    expect(record.status).toBe('rejected');
    expect(JSON.stringify(record.detail)).toContain('properties.currency');
    await delivery.close();
  });
});
