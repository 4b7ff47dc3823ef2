/**
 * prepareEvent: one envelope in, one wire event (or the reasons it cannot be sent) out.
 * Validation → consent policy → normalisation and hashing → pre-dispatch checks. Pure apart
 * from the clock, so the CLI, createTikTok and the outbox all get the same answer.
 */
import { eventKind, type ConsentState } from '@pixelpair/core';
import { decideConsent, type ConsentPolicyOptions } from './consent-policy.js';
import { matchKeys } from './diagnostics/match-keys.js';
import { toEventSeconds } from './envelope/event-time.js';
import { zodIssues } from './envelope/issues.js';
import { buildProperties } from './envelope/properties.js';
import { envelopeSchema, type Envelope } from './envelope/schema.js';
import { toCountryCode, type CountryCode } from './normalize/phone.js';
import { buildUser } from './normalize/user.js';
import type { Issue, PrepareResult, TikTokEvent } from './types.js';

export const DEFAULT_MAX_AGE_SECONDS = 7 * 24 * 3600;

export interface PrepareConfig {
  /** TikTok pixel code: becomes `event_source_id`, half of the dedup key. */
  pixelId: string;
  /** Events Manager → Test Events code; such events are never batched with live ones. */
  testEventCode?: string;
  /** Country used to read national phone numbers when the envelope has no `user.country`. */
  defaultCountry?: string;
  /** Clock in ms (number or function), for tests and replays. Default Date.now. */
  now?: number | (() => number);
  /** Oldest accepted event_time, in seconds before now. Default 7 days. */
  maxAgeSeconds?: number;
  /** Clock skew tolerated for future event_time. Default 300 s. */
  maxFutureSeconds?: number;
  consent?: ConsentPolicyOptions;
}

export function nowMs(now: PrepareConfig['now']): number {
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

export function prepareEvent(envelope: unknown, config: PrepareConfig): PrepareResult {
  if (typeof config?.pixelId !== 'string' || !config.pixelId.trim()) throw new Error('pixelpair: prepareEvent needs config.pixelId (the TikTok pixel code)');
  const rules = {
    nowSeconds: Math.floor(nowMs(config.now) / 1000),
    maxAgeSeconds: config.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS,
    maxFutureSeconds: config.maxFutureSeconds ?? 300,
  };
  const parsed = envelopeSchema.safeParse(envelope);
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

  const kind = eventKind(env.event);
  if (kind === 'custom') warnings.push({ path: 'event', message: 'custom event name: allowed, but standard events are easier to optimise and debug' });

  const consent = consentState(env.consent);
  const decision = decideConsent(consent, config.consent, env.user?.country);
  const { user, warnings: userWarnings } = buildUser(env.user, { defaultCountry: toCountryCode(config.defaultCountry), sendUserData: decision.sendUserData });
  warnings.push(...userWarnings);
  const props = buildProperties(env.event, env.properties);
  errors.push(...props.errors);
  warnings.push(...props.warnings);
  if (errors.length > 0 || !time.ok) return { ok: false, eventId: env.eventId, errors };

  const event: TikTokEvent = { event: env.event, event_time: time.seconds, event_id: env.eventId };
  if (Object.keys(user).length > 0) event.user = user;
  if (env.page && (env.page.url || env.page.referrer)) {
    event.page = {};
    if (env.page.url) event.page.url = env.page.url;
    if (env.page.referrer) event.page.referrer = env.page.referrer;
  }
  const properties = { ...props.properties, ...decision.properties };
  if (Object.keys(properties).length > 0) event.properties = properties;
  if (decision.limitedDataUse) event.limited_data_use = true;

  return {
    ok: true,
    prepared: {
      pixelId: config.pixelId,
      ...(config.testEventCode ? { testEventCode: config.testEventCode } : {}),
      event,
      warnings,
      log: { consent, matchKeys: matchKeys(event), policy: { adUserData: decision.adUserData, adPersonalization: decision.adPersonalization, optIn: decision.optIn } },
    },
  };
}
