import { normalizeEmail, normalizeExternalId } from '@pixelpair/core';
import { describe, expect, it } from 'vitest';
import { normalizeIp, normalizeLocale, normalizeOpaque } from './context-values.js';
import { hashNormalized, sha256Hex } from './hash.js';
import { normalizeCountry, normalizeName, normalizePlace, normalizeZip } from './names.js';

describe('email (core rule, hashed here)', () => {
  it("follows TikTok's worked example", () => {
    expect(hashNormalized(normalizeEmail(' ALICE_abc@gmail.com ')!)).toMatch(/^848a7714.*d3bb4f$/);
  });
  it.each([
    ['Bob@Example.COM', 'bob@example.com'],
    ['  x.y+tag@sub.example.co.uk\t', 'x.y+tag@sub.example.co.uk'],
    ['no-at-sign.example.com', null],
    ['a@b', null],
  ])('%j → %j', (raw, out) => expect(normalizeEmail(raw)).toBe(out));
});

describe('external_id (core rule)', () => {
  it.each([
    ['user_123', 'user_123'],
    ['  User_123 ', 'User_123'],
    ['', null],
  ])('%j → %j', (raw, out) => expect(normalizeExternalId(raw)).toBe(out));
  it("hashes TikTok's example as-is", () => expect(sha256Hex('user_123')).toMatch(/^80fba0ae.*f2ab8b$/));
});

describe('hashNormalized', () => {
  it('hashes plain values and passes 64-hex through lower-cased', () => {
    expect(hashNormalized('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashNormalized('A'.repeat(64))).toBe('a'.repeat(64));
  });
});

describe('names, zip, places, country', () => {
  it.each([
    ['  Alice ', 'alice'],
    ['JOSÉ  María', 'josé maría'],
    ['   ', null],
  ])('name %j → %j', (raw, out) => expect(normalizeName(raw)).toBe(out));
  it.each([
    ['10 115', '10115'],
    ['SW1A 1AA', 'sw1a1aa'],
    ['94103-1234', '941031234'],
    [' - ', null],
  ])('zip %j → %j', (raw, out) => expect(normalizeZip(raw)).toBe(out));
  it.each([
    ['San Francisco', 'sanfrancisco'],
    ['Berlin-Mitte', 'berlinmitte'],
    ["St. John's", 'stjohns'],
    ['München', 'münchen'],
    ['...', null],
  ])('place %j → %j', (raw, out) => expect(normalizePlace(raw)).toBe(out));
  it.each([
    ['DE', 'de'],
    [' us ', 'us'],
    ['Germany', 'de'],
    ['United States', 'us'],
    ['Narnia', null],
  ])('country %j → %j', (raw, out) => expect(normalizeCountry(raw)).toBe(out));
});

describe('never-hashed context values', () => {
  it.each([
    ['203.0.113.42', '203.0.113.42'],
    [' 2001:DB8::1 ', '2001:db8::1'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['999.1.1.1', null],
    ['localhost', null],
  ])('ip %j → %j', (raw, out) => expect(normalizeIp(raw)).toBe(out));
  it.each([
    ['en_us', 'en-US'],
    ['de-DE', 'de-DE'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['english please', null],
  ])('locale %j → %j', (raw, out) => expect(normalizeLocale(raw)).toBe(out));
  it('keeps opaque ids verbatim but trimmed, and refuses absurd lengths', () => {
    expect(normalizeOpaque(' E.C.P.CvQBA ')).toBe('E.C.P.CvQBA');
    expect(normalizeOpaque('x'.repeat(3000))).toBeNull();
  });
});
