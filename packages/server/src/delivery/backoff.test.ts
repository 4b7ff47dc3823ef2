import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './backoff.js';

describe('backoffDelay: exponential with full jitter', () => {
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [6, 16_000],
    [7, 30_000],
    [50, 30_000],
  ])('attempt %i has ceiling %i ms', (attempt, ceiling) => {
    expect(backoffDelay(attempt, { random: () => 0.999999 })).toBe(Math.floor(0.999999 * ceiling));
    expect(backoffDelay(attempt, { random: () => 0 })).toBe(0);
  });

  it('honours base and max and spreads delays (full jitter)', () => {
    expect(backoffDelay(3, { baseMs: 100, maxMs: 250, random: () => 0.5 })).toBe(125);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) expect(d).toBeLessThan(4000);
  });
});

describe('parseRetryAfter', () => {
  const NOW = Date.parse('2026-11-25T12:00:00Z');
  it.each<[string | null | undefined, number | undefined]>([
    ['120', 120_000],
    [' 1.5 ', 1500],
    ['0', 0],
    ['Wed, 25 Nov 2026 12:01:00 GMT', 60_000],
    ['Wed, 25 Nov 2026 11:00:00 GMT', 0],
    ['-5', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %j ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });
});
