/**
 * Match-key diagnostics: which keys an event carries after the consent policy (booleans,
 * never values) and a simple match-strength score per destination, so a low match quality
 * can be explained before the platform reports it. The weights follow the design notes'
 * order of levers: email, phone, external id, then click ids and cookies, then ip + user agent.
 */
import type { DestinationId } from '@pixelpair/core';
import type { MatchKeys } from '../destinations/destination.js';
import { tiktokMatchKeys } from '../destinations/tiktok/prepare-wire.js';

export const MATCH_KEY_WEIGHTS: Readonly<Record<string, number>> = {
  email: 30,
  phone: 25,
  external_id: 15,
  ttclid: 15,
  ttp: 10,
  ip_user_agent: 5,
};

/** Each destination's keys and weights (Meta's `em`/`ph` are called email/phone here too). */
export const DESTINATION_MATCH_WEIGHTS: Readonly<Record<DestinationId, Readonly<Record<string, number>>>> = {
  tiktok: MATCH_KEY_WEIGHTS,
  meta: { email: 30, phone: 25, external_id: 15, fbc: 15, fbp: 10, ip_user_agent: 5 },
  google: { email: 30, phone: 25, gclid: 30, address: 10, ip_user_agent: 5 },
};

/** The keys that identify a person (not a click, a cookie or a device). */
const PERSONAL = ['email', 'phone', 'external_id', 'address'];

export type MatchStrength = 'none' | 'weak' | 'fair' | 'good' | 'strong';

export interface MatchReport {
  keys: MatchKeys;
  /** 0–100: the sum of the weights of the keys present. */
  score: number;
  strength: MatchStrength;
  missing: string[];
}

/** TikTok's match keys of a wire event (kept under its old name). */
export const matchKeys = tiktokMatchKeys;

export function strengthOf(score: number): MatchStrength {
  if (score >= 70) return 'strong';
  if (score >= 45) return 'good';
  if (score >= 25) return 'fair';
  return score > 0 ? 'weak' : 'none';
}

export function matchStrength(keys: MatchKeys, weights: Readonly<Record<string, number>> = MATCH_KEY_WEIGHTS): MatchReport {
  const names = Object.keys(weights);
  const score = names.reduce((sum, k) => sum + (keys[k] ? weights[k]! : 0), 0);
  return { keys, score, strength: strengthOf(score), missing: names.filter((k) => !keys[k]) };
}

export interface MatchSummary {
  events: number;
  /** Share of events (0–1) carrying each key. */
  coverage: Record<string, number>;
  averageScore: number;
  strength: MatchStrength;
  /** Events with no key that identifies a person (email, phone, external id): matched only by click, cookie or device. */
  withoutPersonalKey: number;
}

export function aggregateMatchKeys(all: ReadonlyArray<MatchKeys>, weights: Readonly<Record<string, number>> = MATCH_KEY_WEIGHTS): MatchSummary {
  const names = Object.keys(weights);
  const coverage: Record<string, number> = Object.fromEntries(names.map((k) => [k, 0]));
  let total = 0;
  let withoutPersonalKey = 0;
  for (const keys of all) {
    for (const k of names) if (keys[k]) coverage[k]! += 1;
    total += matchStrength(keys, weights).score;
    if (!PERSONAL.some((k) => keys[k])) withoutPersonalKey += 1;
  }
  const n = all.length;
  if (n > 0) for (const k of names) coverage[k] = coverage[k]! / n;
  const averageScore = n > 0 ? Math.round((total / n) * 10) / 10 : 0;
  return { events: n, coverage, averageScore, strength: strengthOf(averageScore), withoutPersonalKey };
}
