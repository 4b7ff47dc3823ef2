import { describe, expect, it } from 'vitest';
import { createRateLimiter, rateLimitKey } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('holds at most maxKeys windows however many addresses a flood rotates through (memory stays bounded)', () => {
    let t = 0;
    const limiter = createRateLimiter({ max: 2, windowMs: 60_000, maxKeys: 100, now: () => t });
    for (let i = 0; i < 10_000; i++) limiter.hit(`198.51.${i >> 8}.${i & 255}`);
    expect(limiter.size()).toBeLessThanOrEqual(100);
    // the newest senders are still counted
    expect([limiter.hit('198.51.39.15'), limiter.hit('198.51.39.15')].map((w) => w > 0)).toEqual([false, true]);
    t += 60_001;
    limiter.hit('203.0.113.1');
    expect(limiter.size()).toBe(1);
  });

  it('still limits one sender per window', () => {
    const limiter = createRateLimiter({ max: 3, windowMs: 1000, now: () => 0 });
    expect(Array.from({ length: 5 }, () => limiter.hit('a') > 0)).toEqual([false, false, false, true, true]);
  });
});

describe('rateLimitKey', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:eeee:dddd:cccc', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::abcd', '2001:db8:1:2::/64'],
    ['2001:db8::5', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts against %s', (ip, key) => expect(rateLimitKey(ip)).toBe(key));
});
