/**
 * One structured delivery-log record per event and destination: what the design notes ask to
 * keep (event_id, the destination and its account, consent and what the destination got,
 * match keys present, response code, request id, attempts, latency, whether a human must
 * look) and nothing that identifies a person or contains a token.
 */
import type { PreparedEvent } from '../destinations/destination.js';
import type { Issue } from '../types.js';
import { needsAlert, type DeliveryOutcome } from './outcome.js';

/** An event's final fate in a send report, in the user's words (derived from the outcome in `statusOf`). */
export type EventStatus = 'delivered' | 'rejected' | 'skipped' | 'dropped' | 'stopped';

/** delivered → delivered; drop or retries exhausted → dropped; stop, or never sent after an abort/stop → stopped. */
export function statusOf(outcome: DeliveryOutcome, halted: boolean): EventStatus {
  if (outcome.kind === 'delivered') return 'delivered';
  if (outcome.kind === 'stop' || halted) return 'stopped';
  return 'dropped';
}

export function deliveryRecord(e: PreparedEvent, status: EventStatus, outcome: DeliveryOutcome, attempts: number, extra: { exhausted?: boolean } = {}) {
  const { consent, matchKeys, policy, identifiers } = e.log;
  return {
    destination: e.destination,
    event_id: e.eventId,
    account: e.account,
    ...(e.destination === 'google' ? {} : { pixel_id: e.account }),
    event: e.event,
    ...(e.test ? { test: true } : {}),
    status,
    consent: {
      ad_user_data: consent.adUserData,
      ad_personalization: consent.adPersonalization,
      ...(consent.region ? { region: consent.region } : {}),
      ...(consent.cmp ? { cmp: consent.cmp.version ? `${consent.cmp.name}@${consent.cmp.version}` : consent.cmp.name } : {}),
      ...(e.destination === 'tiktok' ? { limited_data_use: policy.adPersonalization === 'denied' } : {}),
      identifiers,
    },
    match_keys: matchKeys,
    // Paths and reasons only (e.g. an invalid phone dropped), never the values.
    ...(e.warnings.length ? { warnings: e.warnings.map((w) => `${w.path}: ${w.message}`) } : {}),
    ...(outcome.code !== undefined ? { code: outcome.code } : {}),
    ...(outcome.subcode !== undefined ? { subcode: outcome.subcode } : {}),
    ...(outcome.kind === 'delivered' ? {} : { reason: outcome.reason, ...(outcome.httpStatus !== undefined ? { http_status: outcome.httpStatus } : {}) }),
    ...(outcome.message !== undefined ? { message: outcome.message } : {}),
    ...(outcome.requestId !== undefined ? { request_id: outcome.requestId } : {}),
    ...(needsAlert(outcome) ? { alert: true } : {}),
    ...(extra.exhausted ? { retries_exhausted: true } : {}),
    attempts,
    latency_ms: outcome.latencyMs,
  };
}

export function rejectionRecord(index: number, destination: string, eventId: string | undefined, errors: Issue[]) {
  return { status: 'rejected' as const, destination, index, ...(eventId ? { event_id: eventId } : {}), errors };
}
