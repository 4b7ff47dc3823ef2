import { describe, expect, it } from 'vitest';
import { looksLikeEmail, looksLikePersonalData, looksLikePhone } from './personal-data.js';

describe('looksLikeEmail', () => {
  it.each([
    'alice@example.com', 'ALICE.Tester+tag@Example.CO.UK', 'write to alice@example.com today', 'a@b.c', 'x@.a.b', 'name=alice@example.com&x=1',
  ])('finds an address in %j', (text) => expect(looksLikeEmail(text)).toBe(true));

  it.each(['', 'no at here', '@example.com', 'alice@', 'alice@example', 'alice@example.', 'a@.b', 'meet @ 5.30', 'a @b.c', 'a@@b.c'])(
    'finds none in %j',
    (text) => expect(looksLikeEmail(text)).toBe(false),
  );
});

describe('looksLikePhone', () => {
  it.each(['+4915112345678', '+49 151 12345678', '(+1)2133734253', '+1 (213) 373-4253', '(030) 1234 5678', '030 12345678', '0049 151 12345678', ' +33 6 12 34 56 78 '])(
    'recognises %j',
    (text) => expect(looksLikePhone(text)).toBe(true),
  );

  it.each(['4915112345678', '2026-11-25', '0000123456', '129.95', 'ord_10492_complete_payment', '+49 12', '12 34 56', 'SKU 123 4567', '+1234567890123456', 'E.C.P.CvQBA'])(
    'does not flag %j (order numbers, dates and ids look like this)',
    (text) => expect(looksLikePhone(text)).toBe(false),
  );
});

describe('looksLikePersonalData', () => {
  it('is either of the two, or a +-led number inside running text', () => {
    expect([looksLikePersonalData('a@b.co'), looksLikePersonalData('+4915112345678'), looksLikePersonalData('sku-1')]).toEqual([true, true, false]);
    expect(looksLikePersonalData('call +49 151 1234567 after 6')).toBe(true);
    expect(looksLikePersonalData('mail me: Alice.T@Example.com!')).toBe(true);
  });

  it.each(['12 items, 3 sizes, 2026 edition', 'save 20% + 10 % today', 'C++ for 2 (beginners)', '1+1=2', 'size 40-42 (EU)'])('leaves running text %j alone', (text) =>
    expect(looksLikePersonalData(text)).toBe(false),
  );
});
