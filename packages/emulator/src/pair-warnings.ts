/** The diagnostics TikTok's Test Events would raise for one pair, as codes plus readable messages. */
import { LEGACY_EVENTS, PAGE_VIEW, STANDARD_EVENTS, eventKind } from '@pixelpair/core';
import type { Pair } from './pairing.js';

const KNOWN_BY_LOWER = new Map<string, string>(
  [...STANDARD_EVENTS, ...Object.keys(LEGACY_EVENTS), PAGE_VIEW].map((name) => [name.toLowerCase(), name]),
);

export type PairWarningCode =
  | 'server_missing' | 'pixel_missing' | 'pixel_not_sent' | 'name_mismatch' | 'duplicate_event_id'
  | 'missing_ip' | 'missing_user_agent' | 'no_strong_key' | 'stale_event_time' | 'future_event_time'
  | 'server_sent_twice' | 'pixel_sent_twice' | 'event_name_case';

export interface PairWarning { code: PairWarningCode; message: string }

export const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** Clock skew tolerated before an event_time counts as in the future. */
export const FUTURE_SKEW_MS = 60 * 1000;

export function pairWarnings(
  pair: Pair,
  names: { pixel: Set<string>; server: Set<string> },
  sameAction: (a: string, b: string) => boolean,
): PairWarning[] {
  const out: PairWarning[] = [];
  const { pixel, server, event, eventId } = pair;
  const otherSide = pixel && !server ? names.server : server && !pixel ? names.pixel : new Set<string>();
  const renamed = [...otherSide].filter((name) => name !== event && sameAction(name, event));
  if (renamed.length) {
    const [p, s] = pixel ? [event, renamed.join(', ')] : [renamed.join(', '), event];
    out.push({ code: 'name_mismatch', message: `The pixel sent ${p} and the server sent ${s} with event_id ${eventId}: TikTok will not deduplicate different names` });
  }
  const all = [...new Set([...names.pixel, ...names.server])];
  const unrelated = all.filter((name) => name !== event && !sameAction(name, event));
  if (unrelated.length) {
    out.push({ code: 'duplicate_event_id', message: `event_id ${eventId} is also used for ${unrelated.join(', ')}: one event_id per user action` });
  }
  const known = eventKind(event) === 'custom' ? KNOWN_BY_LOWER.get(event.toLowerCase()) : undefined;
  if (known) out.push({ code: 'event_name_case', message: `${event} is a custom event to TikTok (names are case-sensitive); the standard name is ${known}` });
  if (pixel && !server) {
    if (pixel.status === 'sent') out.push({ code: 'server_missing', message: 'No server copy was accepted for this pixel event' });
  }
  if (server && !pixel) out.push({ code: 'pixel_missing', message: 'No pixel copy was recorded for this server event' });
  if (pixel && pixel.status !== 'sent') {
    out.push({ code: 'pixel_not_sent', message: `The pixel copy was ${pixel.status} by consent (${pixel.consent})` });
  }
  if (pixel && pixel.sent > 1) out.push({ code: 'pixel_sent_twice', message: `The pixel sent this event ${pixel.sent} times (TikTok keeps the first within 48 h)` });
  if (server) {
    if (server.count > 1) out.push({ code: 'server_sent_twice', message: `The server copy was accepted ${server.count} times (TikTok keeps the first within 48 h)` });
    if (!server.matchKeys.ip) out.push({ code: 'missing_ip', message: 'The server copy has no user.ip' });
    if (!server.matchKeys.user_agent) out.push({ code: 'missing_user_agent', message: 'The server copy has no user.user_agent' });
    if (!server.matchKeys.email && !server.matchKeys.phone && !server.matchKeys.external_id) {
      out.push({ code: 'no_strong_key', message: 'The server copy has no hashed email, phone or external_id' });
    }
    const age = server.firstAt - server.eventTime * 1000;
    if (age > STALE_AFTER_MS) out.push({ code: 'stale_event_time', message: `event_time is ${Math.round(age / 86_400_000)} days older than its arrival (over 7 days)` });
    if (-age > FUTURE_SKEW_MS) out.push({ code: 'future_event_time', message: `event_time is ${Math.round(-age / 1000)} s in the future at arrival` });
  }
  return out;
}
