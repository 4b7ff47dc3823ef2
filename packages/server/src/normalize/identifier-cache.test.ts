import { beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from './hash.js';
import { cachedPhone, clearIdentifierCache, IDENTIFIER_CACHE_CAPACITY, identifierCacheStats, phoneCacheKey, rememberPhone } from './identifier-cache.js';
import { normalizeIdentity } from './identity.js';

const PHONE = '0170 1234567';
const E164 = '+491701234567';

describe('the phone digest cache', () => {
  beforeEach(() => clearIdentifierCache());

  it('answers a recurring phone from the cache, with the same digests as a fresh parse', () => {
    const first = normalizeIdentity({ phone: PHONE, country: 'DE' }, { sendUserData: true }).identity.phones;
    const again = normalizeIdentity({ phone: ` ${PHONE} `, country: 'DE' }, { sendUserData: true }).identity.phones;
    expect(first).toEqual([{ sha256: sha256Hex(E164), prehashed: false, digitsSha256: sha256Hex(E164.slice(1)) }]);
    expect(again).toEqual(first);
    expect(identifierCacheStats()).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, size: 1 });
  });

  it('keys by the hints too: the same text under another hint is parsed again', () => {
    normalizeIdentity({ phone: PHONE, country: 'DE' }, { sendUserData: true });
    const us = normalizeIdentity({ phone: PHONE, country: 'US' }, { sendUserData: true });
    expect(us.identity.phones).toEqual([]);
    expect(us.warnings.map((w) => w.path)).toEqual(['user.phone']);
    // an invalid number is cached as invalid, and still warned about on every event
    const usAgain = normalizeIdentity({ phone: PHONE, country: 'US' }, { sendUserData: true });
    expect(usAgain.warnings.map((w) => w.path)).toEqual(['user.phone']);
    expect(identifierCacheStats()).toMatchObject({ hits: 1, misses: 2, size: 2 });
  });

  it('holds no plain personal data: keys are digests, entries are digests or null', () => {
    const key = phoneCacheKey(PHONE, 'DE,');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('1234567');
    normalizeIdentity({ phone: PHONE, country: 'DE', email: 'alice@example.com' }, { sendUserData: true });
    const entry = cachedPhone(phoneCacheKey(PHONE, 'DE,'));
    expect(JSON.stringify(entry)).not.toMatch(/1234567|alice/);
  });

  it(`is bounded to ${IDENTIFIER_CACHE_CAPACITY} entries and drops the least recently used first`, () => {
    for (let i = 0; i < IDENTIFIER_CACHE_CAPACITY; i++) rememberPhone(`k${i}`, null);
    expect(cachedPhone('k0')).toBeNull(); // k0 is now the most recently used
    rememberPhone('new', null);
    expect(identifierCacheStats().size).toBe(IDENTIFIER_CACHE_CAPACITY);
    expect(cachedPhone('k1')).toBeUndefined();
    expect(cachedPhone('k0')).toBeNull();
  });
});
