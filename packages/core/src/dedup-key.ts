/**
 * The one owner of the dedup key. Every platform keeps one copy per (account, event,
 * event id): TikTok and Meta per pixel + event name + event_id, Google per conversion
 * action + transaction id. The outbox's unique key, the stand-in's acceptance counts and
 * the pair checks all use this, so "the same action" means the same thing everywhere.
 */
import type { DestinationId } from './destinations.js';

export interface DedupKeyParts {
  destination: DestinationId;
  /** TikTok / Meta pixel id; Google Ads customer id. */
  account: string;
  /** The platform's event name (TikTok, Meta) or conversion action id (Google). */
  event: string;
  /** The shared id: TikTok `event_id`, Meta `event_id` ↔ `eventID`, Google `transactionId` ↔ `transaction_id`. */
  eventId: string;
}

const SEP = '\u0000';

export function dedupKey(parts: DedupKeyParts): string {
  return parts.destination + SEP + parts.account + SEP + parts.event + SEP + parts.eventId;
}

export function parseDedupKey(key: string): DedupKeyParts | null {
  const [destination, account, event, eventId, extra] = key.split(SEP);
  if (extra !== undefined || !destination || account === undefined || event === undefined || !eventId) return null;
  return { destination: destination as DestinationId, account, event, eventId };
}
