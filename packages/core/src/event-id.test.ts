import { describe, expect, it } from 'vitest';
import { actionSlug, cartEventId, eventId, EventIdError, isValidEventId, leadEventId, orderEventId, randomEventId } from './event-id.js';

describe('eventId', () => {
  it.each([
    [['order', 10492, 'CompletePayment'], 'ord_10492_complete_payment'],
    [['ord', '10492', 'complete_payment'], 'ord_10492_complete_payment'],
    [['cart', 'c-77', 'AddToCart'], 'cart_c-77_add_to_cart'],
    [['lead', 77821, 'submit'], 'lead_77821_submit'],
    [['subscription', 'sub_9', 'StartTrial'], 'subscription_sub_9_start_trial'],
  ] as const)('%j → %s', (args, expected) => {
    expect(eventId(...(args as unknown as [string, string | number, string]))).toBe(expected);
  });

  it('is deterministic: the same action gives the same id on both twins', () => {
    expect(orderEventId(10492)).toBe(orderEventId('10492'));
    expect(orderEventId(10492)).toBe('ord_10492_complete_payment');
    expect(orderEventId(10492, 'Purchase')).toBe('ord_10492_purchase');
    expect(cartEventId(5)).toBe('cart_5_add_to_cart');
    expect(leadEventId(77821)).toBe('lead_77821_submit');
  });

  it('always returns a string, even from a numeric id', () => {
    expect(typeof orderEventId(42)).toBe('string');
  });

  it.each([
    ['an email', 'alice@example.com'],
    ['a phone number', '+1 213 373 4253'],
    ['a phone number without spaces', '+12133734253'],
    ['whitespace', 'a b'],
    ['an empty id', ''],
    ['NaN', Number.NaN],
  ])('refuses %s as the id', (_label, id) => {
    expect(() => eventId('order', id as string, 'CompletePayment')).toThrow(EventIdError);
  });

  it('refuses an empty action', () => {
    expect(() => eventId('order', 1, '  ')).toThrow(/action is empty/);
  });

  it('refuses ids longer than the cap', () => {
    expect(() => eventId('order', 'x'.repeat(200), 'CompletePayment')).toThrow(/longer than/);
  });
});

describe('actionSlug', () => {
  it.each([
    ['CompletePayment', 'complete_payment'],
    ['AddToCart', 'add_to_cart'],
    ['add to cart', 'add_to_cart'],
    ['  Submit  ', 'submit'],
  ])('%s → %s', (input, expected) => expect(actionSlug(input)).toBe(expected));
});

describe('randomEventId', () => {
  it('uses the injected random source', () => {
    expect(randomEventId('pv', () => 'ab'.repeat(12))).toMatch(/^pv_[0-9a-z]+_(ab){12}$/);
  });

  it('falls back when the random source throws or is missing', () => {
    const id = randomEventId('evt', () => {
      throw new Error('no crypto');
    });
    expect(id).toMatch(/^evt_[0-9a-z]+_[0-9a-f]{24}$/);
    expect(randomEventId()).not.toBe(randomEventId());
  });
});

describe('isValidEventId', () => {
  it.each([
    ['ord_1_complete_payment', true],
    [12345, false],
    ['', false],
    ['has space', false],
    ['a@b.c', false],
    ['x'.repeat(129), false],
  ])('%j → %s', (value, ok) => expect(isValidEventId(value)).toBe(ok));
});
