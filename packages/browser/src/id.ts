/**
 * The event_id a Pixel call uses: the caller's own (`{ eventId }`, e.g. from
 * `orderEventId`) when it is a valid string id, else a random one: `evt_<uuid>` from
 * `crypto.randomUUID` (secure contexts), else `evt_<time36><random36>` from Math.random
 * when crypto is missing, throws or the page is plain http. Random ids only need to be
 * unique per pixel and event for TikTok's 48 h dedup window; they never carry personal data.
 * (Lighter than core's randomEventId, which the tag does not need: bytes count here.)
 */
import { isValidEventId } from '@pixelpair/core';
import { TAG, warn } from './log.js';

function randomId(): string {
  try {
    return crypto.randomUUID();
  } catch {
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
}

export function resolveEventId(given?: unknown): string {
  // a number becomes its string: TikTok rejects numeric event_ids (code 40002)
  const id = typeof given === 'number' ? String(given) : given;
  if (isValidEventId(id)) return id;
  if (id != null && !TAG) warn('bad eventId');
  return 'evt_' + randomId();
}
