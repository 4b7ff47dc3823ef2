import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.js';
import { normalizeExternalId } from './external-id.js';
import { isSha256Hex } from './sha256-hex.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('normalizeEmail', () => {
  it("follows TikTok's worked example", () => {
    const normalized = normalizeEmail(' ALICE_abc@gmail.com ');
    expect(normalized).toBe('alice_abc@gmail.com');
    expect(sha256(normalized!)).toMatch(/^848a7714.*d3bb4f$/);
  });

  it.each([['not-an-email'], ['a@b'], ['two words@x.com'], [''], ['   ']])('rejects %j', (raw) => expect(normalizeEmail(raw)).toBeNull());

  it('passes an already-hashed value through lower-cased', () => {
    const hashed = sha256('alice_abc@gmail.com').toUpperCase();
    expect(normalizeEmail(` ${hashed} `)).toBe(hashed.toLowerCase());
  });
});

describe('normalizeExternalId', () => {
  it("trims and keeps case, as TikTok's example (user_123) is hashed as-is", () => {
    expect(normalizeExternalId('  User_123 ')).toBe('User_123');
    expect(sha256(normalizeExternalId('user_123')!)).toMatch(/^80fba0ae.*f2ab8b$/);
  });

  it('drops an empty id and lower-cases a pre-hashed one', () => {
    expect(normalizeExternalId('   ')).toBeNull();
    expect(normalizeExternalId('A'.repeat(64))).toBe('a'.repeat(64));
  });
});

describe('isSha256Hex', () => {
  it.each([['a'.repeat(64), true], ['A'.repeat(64), true], ['a'.repeat(63), false], ['g'.repeat(64), false]])('%s → %s', (v, ok) =>
    expect(isSha256Hex(v)).toBe(ok),
  );
});
