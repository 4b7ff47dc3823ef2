/**
 * normalizeEnvelope: ONE validation and normalisation of an envelope, shared by every
 * destination. Schema → event time → consent policy → identity (normalised, not hashed) →
 * commerce properties. Each destination then formats and hashes this by its own rules, so one
 * phone parse and one email rule serve TikTok, Meta and Google alike. Pure apart from the clock.
 */
import { eventKind, type ConsentState } from '@pixelpair/core';
import { decideConsent, type ConsentDecision, type ConsentPolicyOptions } from '../consent-policy.js';
import { normalizeIdentity, type NormalizedIdentity } from '../normalize/identity.js';
import { toCountryCode } from '../normalize/phone.js';
import type { Issue } from '../types.js';
import { toEventSeconds } from './event-time.js';
import { zodIssues } from './issues.js';
import { buildProperties } from './properties.js';
import { fastParse } from './fast-parse.js';
import { envelopeSchema, type Envelope } from './schema.js';

export const DEFAULT_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** Settings every destination shares: how to read the envelope, not where it goes. */
export interface NormalizeSettings {
  /** Country used to read national phone numbers when the envelope has no `user.country`. */
  defaultCountry?: string;
  /** Clock in ms (number or function), for tests and replays. Default Date.now. */
  now?: number | (() => number);
  /** Oldest accepted event_time, in seconds before now. Default 7 days (a destination may accept less). */
  maxAgeSeconds?: number;
  /** Clock skew tolerated for future event_time. Default 300 s. */
  maxFutureSeconds?: number;
  consent?: ConsentPolicyOptions;
}

export interface NormalizedEvent {
  /** The action's name as the app gave it (each destination maps it through core's table). */
  event: string;
  eventId: string;
  /** Unix seconds. */
  eventTime: number;
  /** When it was normalised (Unix seconds, from the settings' clock): a destination's own window rules use it. */
  preparedAt: number;
  page?: { url?: string; referrer?: string };
  identity: NormalizedIdentity;
  /** Commerce properties, checked and in snake_case (`value`, `currency`, `contents[].content_id`, custom keys…). */
  properties: Record<string, unknown>;
  consent: ConsentState;
  decision: ConsentDecision;
  warnings: Issue[];
}

export type NormalizeResult = { ok: true; event: NormalizedEvent } | { ok: false; eventId?: string; errors: Issue[] };

export function nowMs(now: NormalizeSettings['now']): number {
  return typeof now === 'function' ? now() : (now ?? Date.now());
}

function eventIdOf(envelope: unknown): string | undefined {
  const id = (envelope as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' ? id : undefined;
}

function consentState(input: Envelope['consent']): ConsentState {
  const state: ConsentState = { adUserData: input?.adUserData ?? 'unknown', adPersonalization: input?.adPersonalization ?? 'unknown' };
  if (input?.region) state.region = input.region;
  if (input?.cmp) state.cmp = input.cmp;
  if (input?.decidedAt) state.decidedAt = input.decidedAt;
  return state;
}

export function normalizeEnvelope(envelope: unknown, settings: NormalizeSettings = {}): NormalizeResult {
  const rules = {
    nowSeconds: Math.floor(nowMs(settings.now) / 1000),
    maxAgeSeconds: settings.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS,
    maxFutureSeconds: settings.maxFutureSeconds ?? 300,
  };
  // The common envelope is read without zod; anything else (and every error) is zod's.
  const fast = fastParse(envelope);
  const parsed = fast ? { success: true as const, data: fast } : envelopeSchema.safeParse(envelope);
  if (!parsed.success) {
    const errors = zodIssues(parsed.error);
    // Report every problem at once: the time rules live outside the schema (they need the clock).
    const rawTime = (envelope as { eventTime?: unknown } | null)?.eventTime;
    if (!errors.some((e) => e.path === 'eventTime') && (typeof rawTime === 'number' || typeof rawTime === 'string' || rawTime instanceof Date)) {
      const time = toEventSeconds(rawTime, rules);
      if (!time.ok) errors.push({ path: 'eventTime', message: time.message });
    }
    return { ok: false, eventId: eventIdOf(envelope), errors };
  }
  const env = parsed.data;
  const errors: Issue[] = [];
  const warnings: Issue[] = [];

  const time = toEventSeconds(env.eventTime, rules);
  if (!time.ok) errors.push({ path: 'eventTime', message: time.message });
  else if (time.warning) warnings.push({ path: 'eventTime', message: time.warning });

  if (eventKind(env.event) === 'custom') warnings.push({ path: 'event', message: 'custom event name: allowed, but standard events are easier to optimise and debug' });

  const consent = consentState(env.consent);
  const decision = decideConsent(consent, settings.consent, env.user?.country);
  const { identity, warnings: userWarnings } = normalizeIdentity(env.user, { defaultCountry: toCountryCode(settings.defaultCountry), sendUserData: decision.sendUserData });
  warnings.push(...userWarnings);
  const props = buildProperties(env.event, env.properties);
  errors.push(...props.errors);
  warnings.push(...props.warnings);
  if (errors.length > 0 || !time.ok) return { ok: false, eventId: env.eventId, errors };

  const event: NormalizedEvent = { event: env.event, eventId: env.eventId, eventTime: time.seconds, preparedAt: rules.nowSeconds, identity, properties: props.properties, consent, decision, warnings };
  if (env.page && (env.page.url || env.page.referrer)) {
    event.page = {};
    if (env.page.url) event.page.url = env.page.url;
    if (env.page.referrer) event.page.referrer = env.page.referrer;
  }
  return { ok: true, event };
}
