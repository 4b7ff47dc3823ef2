import { describe, expect, it } from 'vitest';
import { dedupKey, parseDedupKey } from './dedup-key.js';

describe('dedupKey', () => {
  const parts = { destination: 'meta', account: '1234567890', event: 'Purchase', eventId: 'ord_1_complete_payment' } as const;

  it('round-trips and keeps destinations apart', () => {
    expect(parseDedupKey(dedupKey(parts))).toEqual(parts);
    expect(dedupKey(parts)).not.toBe(dedupKey({ ...parts, destination: 'tiktok' }));
  });

  it('cannot be forged by a separator inside a part', () => {
    const a = dedupKey({ ...parts, account: 'a', event: 'b' });
    const b = dedupKey({ ...parts, account: 'a\u0000b', event: '' });
    expect(a).not.toBe(dedupKey({ ...parts, account: 'ab', event: '' }));
    expect(parseDedupKey(b)).toBeNull();
  });

  it('refuses what is not a key', () => {
    expect(parseDedupKey('')).toBeNull();
    expect(parseDedupKey('tiktok\u0000p\u0000e')).toBeNull();
  });
});
