/**
 * What libphonenumber-js reads on its own must survive pixelpair's pre-processing. The vectors
 * are the library's own test inputs (its parse and parsePhoneNumber suites: RFC 3966 URIs,
 * extensions, non-European digits, national prefixes), plus the same shapes for the countries
 * pixelpair's shoppers come from. The old pre-processing (digits only, `+` glued on) dropped
 * the URI, extension and other-script rows.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.js';
import { isValidNumber } from './phone-validity.js';

// [input, hints, E.164]
const READABLE: Array<[string, CountryCode[], string]> = [
  // from the library's suite
  ['+1-213-373-4253', [], '+12133734253'],
  ['8 (800) 555 35 35', ['RU'], '+78005553535'],
  ['+7 (800) 555-35-35', [], '+78005553535'],
  ['044 668 18 00', ['CH'], '+41446681800'],
  ['+33169454850', [], '+33169454850'],
  ['11987654321', ['BR'], '+5511987654321'],
  ['+١٢١٢٢٣٢٣٢٣٢', [], '+12122323232'],
  ['2134567890 ext 123', ['US'], '+12134567890'],
  ['+12134567890 ext. 12345', ['US'], '+12134567890'],
  ['+12134567890#1234', [], '+12134567890'],
  ['+78005553535 x1234', [], '+78005553535'],
  ['tel:+78005553535;ext=123', [], '+78005553535'],
  ['tel:8005553535;ext=123;phone-context=+7', [], '+78005553535'],
  // the same shapes, pixelpair's countries
  ['tel:+1-213-373-4253', [], '+12133734253'],
  ['tel:+49-30-12345678', ['US'], '+493012345678'],
  ['+1 213 373 4253 extension 7', [], '+12133734253'],
  ['0170 1234567 ext. 12', ['DE'], '+491701234567'],
  ['+٤٩ ١٧٠ ١٢٣٤٥٦٧', [], '+491701234567'],
  ['٠١٧٠ ١٢٣٤٥٦٧', ['DE'], '+491701234567'],
  ['０９０-１２３４-５６７８', ['JP'], '+819012345678'],
  ['Tel: 030 12345678', ['DE'], '+493012345678'],
  // pixelpair's own rules on top: the bracketed trunk, the hint order, 00 whatever the hint
  ['+49 (0)30 12345678', ['US'], '+493012345678'],
  ['0170 1234567', ['US', 'DE'], '+491701234567'],
  ['0049 170 1234567', ['US'], '+491701234567'],
  ['0049 ١٧٠ ١٢٣٤٥٦٧', [], '+491701234567'],
];

describe('normalizePhone reads what libphonenumber-js reads', () => {
  it.each(READABLE)('%j with %j → %s', (raw, hints, e164) => {
    expect(normalizePhone(raw, hints)).toBe(e164);
  });

  it.each<[string, CountryCode[]]>([
    ['+7 (800) 55-35-35', []],
    ['+1 187 215 5230', ['US']],
    ['(800) 55 35 35', ['RU']],
    // an explicit country code wins: no hint rescues a number that is invalid under it
    ['+1 0170 1234567', ['DE']],
  ])('drops %j (hints %j), as the library does', (raw, hints) => {
    expect(normalizePhone(raw, hints)).toBeNull();
  });
});

/** National numbers that are valid today; their last digits are varied below. */
const BASES: Array<[CountryCode, string]> = [
  ['US', '2133734253'], ['GB', '7911123456'], ['DE', '1701234567'], ['DE', '3012345678'], ['FR', '612345678'], ['JP', '9012345678'],
  ['BR', '11912345678'], ['IN', '9876543210'], ['AU', '412345678'], ['RU', '8005553535'], ['CH', '446681800'], ['MX', '5512345678'],
  ['IT', '3123456789'], ['ES', '612345678'], ['NL', '612345678'], ['CN', '13800138000'],
];

/** Deterministic numbers (the same on every run): varied valid ones, and random digits. */
function* numbers(count: number): Generator<[string, CountryCode]> {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const digits = (n: number) => Array.from({ length: n }, () => String(next() % 10)).join('');
  for (let i = 0; i < count; i++) {
    const [country, base] = BASES[i % BASES.length]!;
    const text = i % 2 === 0 ? base.slice(0, -4) + digits(4) : digits(8 + (next() % 4));
    yield [i % 3 === 0 ? `+${text}` : text, country];
  }
}

describe('isValidNumber (compiled patterns)', () => {
  it('agrees with PhoneNumber.isValid() on 20,000 numbers, valid and invalid', () => {
    let compared = 0;
    let valid = 0;
    for (const [text, country] of numbers(20_000)) {
      const parsed = parsePhoneNumberFromString(text, { defaultCountry: country });
      if (!parsed) continue;
      compared++;
      const expected = parsed.isValid();
      if (expected) valid++;
      if (isValidNumber(parsed) !== expected) expect.fail(`${parsed.country ?? parsed.countryCallingCode} ${parsed.nationalNumber}: isValid() says ${expected}`);
    }
    // both outcomes must be well represented, or the comparison proves little
    expect(compared).toBeGreaterThan(10_000);
    expect(valid).toBeGreaterThan(1_000);
    expect(compared - valid).toBeGreaterThan(1_000);
  });
});
