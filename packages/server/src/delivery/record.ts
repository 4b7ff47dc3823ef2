/**
 * One structured delivery-log record per event: what the design notes ask to keep (event_id,
 * pixel id, consent state, match keys present, response code, request_id, attempts,
 * latency) and nothing that identifies a person or the account.
 */
import type { DeliveryOutcome, Issue, PreparedEvent } from '../types.js';

export type EventStatus = 'delivered' | 'rejected' | 'dropped' | 'stopped';

export function deliveryRecord(e: PreparedEvent, status: EventStatus, outcome: DeliveryOutcome, attempts: number, extra: { exhausted?: boolean } = {}) {
  const { consent, matchKeys, policy } = e.log;
  return {
    event_id: e.event.event_id,
    pixel_id: e.pixelId,
    event: e.event.event,
    ...(e.testEventCode ? { test: true } : {}),
    status,
    consent: {
      ad_user_data: consent.adUserData,
      ad_personalization: consent.adPersonalization,
      ...(consent.region ? { region: consent.region } : {}),
      ...(consent.cmp ? { cmp: consent.cmp.version ? `${consent.cmp.name}@${consent.cmp.version}` : consent.cmp.name } : {}),
      ...(policy ? { limited_data_use: policy.adPersonalization === 'denied' } : {}),
    },
    match_keys: matchKeys,
    // Paths and reasons only (e.g. an invalid phone dropped), never the values.
    ...(e.warnings.length ? { warnings: e.warnings.map((w) => `${w.path}: ${w.message}`) } : {}),
    ...(outcome.code !== undefined ? { code: outcome.code } : {}),
    ...(outcome.ok ? {} : { reason: outcome.reason, ...(outcome.httpStatus !== undefined ? { http_status: outcome.httpStatus } : {}) }),
    ...(outcome.message !== undefined ? { message: outcome.message } : {}),
    ...(outcome.requestId !== undefined ? { request_id: outcome.requestId } : {}),
    ...(extra.exhausted ? { retries_exhausted: true } : {}),
    attempts,
    latency_ms: outcome.latencyMs,
  };
}

export function rejectionRecord(index: number, eventId: string | undefined, errors: Issue[]) {
  return { status: 'rejected' as const, index, ...(eventId ? { event_id: eventId } : {}), errors };
}
