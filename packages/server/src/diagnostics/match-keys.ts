/**
 * Match-key diagnostics: which keys an event carries after the consent policy (booleans,
 * never values) and a simple match-strength score, so a low Event Match Quality can be
 * explained before TikTok reports it. The weights follow the design notes' order of levers:
 * email, phone, external_id, then ttclid/ttp persistence, then ip + user agent.
 */
import type { MatchKeys, TikTokEvent } from '../types.js';

export const MATCH_KEY_WEIGHTS: Readonly<Record<keyof MatchKeys, number>> = {
  email: 30,
  phone: 25,
  external_id: 15,
  ttclid: 15,
  ttp: 10,
  ip_user_agent: 5,
};

export type MatchStrength = 'none' | 'weak' | 'fair' | 'good' | 'strong';

export interface MatchReport {
  keys: MatchKeys;
  /** 0–100: the sum of the weights of the keys present. */
  score: number;
  strength: MatchStrength;
  missing: Array<keyof MatchKeys>;
}

const present = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.length > 0);

export function matchKeys(event: Pick<TikTokEvent, 'user'>): MatchKeys {
  const u = event.user ?? {};
  return {
    email: present(u.email),
    phone: present(u.phone),
    external_id: present(u.external_id),
    ttclid: present(u.ttclid),
    ttp: present(u.ttp),
    ip_user_agent: present(u.ip) && present(u.user_agent),
  };
}

export function strengthOf(score: number): MatchStrength {
  if (score >= 70) return 'strong';
  if (score >= 45) return 'good';
  if (score >= 25) return 'fair';
  return score > 0 ? 'weak' : 'none';
}

export function matchStrength(keys: MatchKeys): MatchReport {
  const names = Object.keys(MATCH_KEY_WEIGHTS) as Array<keyof MatchKeys>;
  const score = names.reduce((sum, k) => sum + (keys[k] ? MATCH_KEY_WEIGHTS[k] : 0), 0);
  return { keys, score, strength: strengthOf(score), missing: names.filter((k) => !keys[k]) };
}

export interface MatchSummary {
  events: number;
  /** Share of events (0–1) carrying each key. */
  coverage: Record<keyof MatchKeys, number>;
  averageScore: number;
  strength: MatchStrength;
  /** Events with no strong key (email, phone or external_id): TikTok can only match them by click or cookie. */
  withoutPersonalKey: number;
}

export function aggregateMatchKeys(all: ReadonlyArray<MatchKeys>): MatchSummary {
  const names = Object.keys(MATCH_KEY_WEIGHTS) as Array<keyof MatchKeys>;
  const coverage = Object.fromEntries(names.map((k) => [k, 0])) as Record<keyof MatchKeys, number>;
  let total = 0;
  let withoutPersonalKey = 0;
  for (const keys of all) {
    for (const k of names) if (keys[k]) coverage[k] += 1;
    total += matchStrength(keys).score;
    if (!keys.email && !keys.phone && !keys.external_id) withoutPersonalKey += 1;
  }
  const n = all.length;
  if (n > 0) for (const k of names) coverage[k] = coverage[k] / n;
  const averageScore = n > 0 ? Math.round((total / n) * 10) / 10 : 0;
  return { events: n, coverage, averageScore, strength: strengthOf(averageScore), withoutPersonalKey };
}
