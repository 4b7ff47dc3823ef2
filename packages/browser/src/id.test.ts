import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveEventId } from './id.js';

afterEach(() => vi.unstubAllGlobals());

/** `evt_<uuid>` from crypto.randomUUID, or `evt_<time36><random36>` without it. */
const RANDOM_ID = /^evt_[0-9a-z-]{9,}$/;
const UUID_ID = /^evt_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('resolveEventId', () => {
  it("keeps the caller's id, e.g. core's order convention", () => {
    expect(resolveEventId('ord_10492_complete_payment')).toBe('ord_10492_complete_payment');
  });

  it('turns a numeric id into a string (TikTok rejects numbers)', () => {
    const id = resolveEventId(10492);
    expect(id).toBe('10492');
    expect(typeof id).toBe('string');
  });

  it('replaces ids that look like personal data or are malformed with a random one', () => {
    for (const bad of ['alice@example.com', 'has space', '', {}, true]) {
      const id = resolveEventId(bad);
      expect(id).toMatch(RANDOM_ID);
      expect(id).not.toContain('alice');
    }
  });

  it('mints a random string from crypto when none is given, different every time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => resolveEventId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_ID);
  });

  it('falls back when crypto is missing or throws', () => {
    vi.stubGlobal('crypto', undefined);
    expect(resolveEventId()).toMatch(RANDOM_ID);
    vi.stubGlobal('crypto', { randomUUID: () => { throw new Error('no entropy'); } });
    expect(resolveEventId()).toMatch(RANDOM_ID);
    // plain http: browsers leave randomUUID out of insecure contexts
    vi.stubGlobal('crypto', {});
    const ids = new Set(Array.from({ length: 50 }, () => resolveEventId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(RANDOM_ID);
  });
});
