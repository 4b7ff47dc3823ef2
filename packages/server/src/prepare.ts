/**
 * Preparing an envelope for its destinations: the one shared normalisation, then each
 * destination's own formatting and hashing. The CLI, the in-process client and the outbox all
 * call this, so they all get the same answer. `prepareEvent` is the TikTok-only shorthand.
 */
import type { DestinationId } from '@pixelpair/core';
import type { AnyDestination, DestinationPrepareResult, PreparedEvent } from './destinations/destination.js';
import { tiktokDestination, type TikTokSettings } from './destinations/tiktok/tiktok.js';
import type { TikTokEvent } from './destinations/tiktok/wire.js';
import { shownEventId } from './envelope/issues.js';
import { DEFAULT_MAX_AGE_SECONDS, normalizeEnvelope, type NormalizeSettings } from './envelope/normalized-event.js';
import type { Issue } from './types.js';

export { DEFAULT_MAX_AGE_SECONDS };

export interface DestinationResult {
  destination: DestinationId;
  result: DestinationPrepareResult;
}

export type PrepareAllResult =
  | { ok: true; eventId: string; results: DestinationResult[] }
  | { ok: false; eventId?: string; errors: Issue[] };

export function prepareForDestinations(envelope: unknown, destinations: readonly AnyDestination[], settings: NormalizeSettings = {}): PrepareAllResult {
  const normalized = normalizeEnvelope(envelope, settings);
  if (!normalized.ok) {
    // A rejected id that is personal data (an email, a phone) is never echoed back.
    const eventId = shownEventId(normalized.eventId);
    return eventId === undefined ? { ok: false, errors: normalized.errors } : { ok: false, eventId, errors: normalized.errors };
  }
  return { ok: true, eventId: normalized.event.eventId, results: destinations.map((d) => ({ destination: d.id, result: d.prepare(normalized.event) })) };
}

/** TikTok-only preparation, the way `prepareEvent` has always worked. */
export interface PrepareConfig extends NormalizeSettings, Pick<TikTokSettings, 'pixelId' | 'testEventCode'> {}

export type PrepareResult = { ok: true; prepared: PreparedEvent<TikTokEvent> } | { ok: false; eventId?: string; errors: Issue[] };

const tiktokCache = new Map<string, AnyDestination>();

/** One envelope in, one TikTok v1.3 wire event (or the reasons it cannot be sent) out. Throws only for a missing pixel id. */
export function prepareEvent(envelope: unknown, config: PrepareConfig): PrepareResult {
  const key = `${config?.pixelId}\u0000${config?.testEventCode ?? ''}`;
  let destination = tiktokCache.get(key);
  if (!destination) {
    destination = tiktokDestination({ pixelId: config?.pixelId, ...(config?.testEventCode ? { testEventCode: config.testEventCode } : {}), maxAgeSeconds: config?.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS });
    if (tiktokCache.size > 100) tiktokCache.clear();
    tiktokCache.set(key, destination);
  }
  const all = prepareForDestinations(envelope, [destination], config);
  if (!all.ok) return all;
  const result = all.results[0]!.result;
  if (result.ok === true) return { ok: true, prepared: result.prepared as PreparedEvent<TikTokEvent> };
  return { ok: false, eventId: all.eventId, errors: result.ok === false ? result.errors : [{ path: '', message: result.reason }] };
}
