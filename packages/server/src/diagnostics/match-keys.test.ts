import { describe, expect, it } from 'vitest';
import type { TikTokMatchKeys as MatchKeys } from '../types.js';
import { aggregateMatchKeys, matchKeys, matchStrength } from './match-keys.js';

const none: MatchKeys = { email: false, phone: false, external_id: false, ttclid: false, ttp: false, ip_user_agent: false };

describe('matchKeys', () => {
  it('reports presence as booleans; ip counts only with a user agent', () => {
    expect(matchKeys({ user: { email: ['a'.repeat(64)], phone: [], ttp: 'x', ip: '203.0.113.1' } })).toEqual({ ...none, email: true, ttp: true });
    expect(matchKeys({ user: { ip: '203.0.113.1', user_agent: 'UA' } })).toEqual({ ...none, ip_user_agent: true });
    expect(matchKeys({})).toEqual(none);
  });
});

describe('matchStrength', () => {
  it.each<[Partial<MatchKeys>, number, string]>([
    [{}, 0, 'none'],
    [{ ip_user_agent: true }, 5, 'weak'],
    [{ ttclid: true, ttp: true }, 25, 'fair'],
    [{ email: true, ip_user_agent: true, ttp: true }, 45, 'good'],
    [{ email: true, phone: true, ttclid: true }, 70, 'strong'],
    [{ email: true, phone: true, external_id: true, ttclid: true, ttp: true, ip_user_agent: true }, 100, 'strong'],
  ])('%j → %i (%s)', (keys, score, strength) => {
    const r = matchStrength({ ...none, ...keys } as MatchKeys);
    expect([r.score, r.strength]).toEqual([score, strength]);
    expect(r.missing.length).toBe(6 - Object.keys(keys).length);
  });
});

describe('aggregateMatchKeys', () => {
  it('gives coverage per key, the average score and the events without a personal key', () => {
    const s = aggregateMatchKeys([
      { ...none, email: true, ttclid: true },
      { ...none, ttp: true, ip_user_agent: true },
    ]);
    expect(s).toMatchObject({ events: 2, averageScore: 30, strength: 'fair', withoutPersonalKey: 1 });
    expect(s.coverage).toMatchObject({ email: 0.5, ttclid: 0.5, ttp: 0.5, phone: 0 });
    expect(aggregateMatchKeys([])).toMatchObject({ events: 0, averageScore: 0, strength: 'none' });
  });
});
