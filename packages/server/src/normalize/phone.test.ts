import { describe, expect, it } from 'vitest';
import { sha256Hex } from './hash.js';
import { normalizePhone, toCountryCode, type CountryCode } from './phone.js';

// [input, country hints (envelope user.country, then default), expected E.164]
const VALID: Array<[string, CountryCode[], string]> = [
  ['(+1)2133734253', [], '+12133734253'],
  ['+1 (213) 373-4253', [], '+12133734253'],
  ['213-373-4253', ['US'], '+12133734253'],
  ['1 213 373 4253', ['US'], '+12133734253'],
  ['011 44 7911 123456', ['US'], '+447911123456'],
  ['07911 123456', ['GB'], '+447911123456'],
  ['+44 7911 123456', [], '+447911123456'],
  ['0044 20 7946 0958', [], '+442079460958'],
  ['020 7946 0958', ['GB'], '+442079460958'],
  ['0170 1234567', ['DE'], '+491701234567'],
  ['+49 170 1234567', [], '+491701234567'],
  ['030 12345678', ['DE'], '+493012345678'],
  ['+49 (0)30 12345678', [], '+493012345678'],
  ['0049 (0)30 12345678', ['DE'], '+493012345678'],
  ['06 12 34 56 78', ['FR'], '+33612345678'],
  ['+33 6 12 34 56 78', [], '+33612345678'],
  ['01.23.45.67.89', ['FR'], '+33123456789'],
  ['090-1234-5678', ['JP'], '+819012345678'],
  ['+81 3-1234-5678', [], '+81312345678'],
  ['138 0013 8000', ['CN'], '+8613800138000'],
  ['+86 138 0013 8000', [], '+8613800138000'],
  ['098765 43210', ['IN'], '+919876543210'],
  ['+91 98765 43210', [], '+919876543210'],
  ['(11) 91234-5678', ['BR'], '+5511912345678'],
  ['+55 11 91234-5678', [], '+5511912345678'],
  ['0412 345 678', ['AU'], '+61412345678'],
  ['+61 2 9876 5432', [], '+61298765432'],
  ['55 1234 5678', ['MX'], '+525512345678'],
  ['612 34 56 78', ['ES'], '+34612345678'],
  ['312 345 6789', ['IT'], '+393123456789'],
  ['06 12345678', ['NL'], '+31612345678'],
  // The envelope hint is wrong for this number, the configured default is right.
  ['0170 1234567', ['US', 'DE'], '+491701234567'],
  // International without its `+` and no hint at all.
  ['491701234567', [], '+491701234567'],
];

describe('normalizePhone', () => {
  it.each(VALID)('%j with %j → %s', (raw, hints, e164) => {
    expect(normalizePhone(raw, hints)).toBe(e164);
  });

  it('covers at least 20 numbers across at least 8 countries', () => {
    expect(VALID.length).toBeGreaterThanOrEqual(20);
    expect(new Set(VALID.map(([, , e164]) => e164.slice(0, 3))).size).toBeGreaterThanOrEqual(8);
  });

  it("matches TikTok's worked example: the hash includes the +", () => {
    const e164 = normalizePhone('(+1)2133734253');
    expect(e164).toBe('+12133734253');
    expect(sha256Hex(e164!)).toMatch(/^9f7ec22d.*2dd2fd$/);
    expect(sha256Hex('12133734253')).not.toMatch(/^9f7ec22d/);
  });

  it.each<[string, CountryCode[]]>([
    ['0170 1234567', []],
    ['12345', ['US']],
    ['not a phone', ['DE']],
    ['+1 555 0100', []],
    ['', ['DE']],
    ['   ', []],
  ])('drops %j (hints %j)', (raw, hints) => {
    expect(normalizePhone(raw, hints)).toBeNull();
  });

  it('passes an already-hashed value through lower-cased', () => {
    const hashed = sha256Hex('+12133734253');
    expect(normalizePhone(hashed.toUpperCase(), ['US'])).toBe(hashed);
  });
});

describe('toCountryCode', () => {
  it.each([['de', 'DE'], [' gb ', 'GB'], ['XX', undefined], ['Germany', undefined], [undefined, undefined]])('%j → %j', (raw, code) => {
    expect(toCountryCode(raw)).toBe(code);
  });
});
