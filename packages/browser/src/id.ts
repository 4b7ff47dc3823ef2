/**
 * The event_id a Pixel call uses: the caller's own (`{ eventId }`, e.g. from
 * `orderEventId`) when it is a valid string id, else a random one from crypto, with
 * core's Math.random fallback when crypto is missing or throws.
 */
import { isValidEventId, randomEventId } from '@pixelpair/core';
import { warn } from './log.js';

function randomHex(): string {
  let hex = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(12))) hex += (byte + 256).toString(16).slice(1);
  return hex;
}

export function resolveEventId(given?: unknown): string {
  // a number becomes its string: TikTok rejects numeric event_ids (code 40002)
  const id = typeof given === 'number' ? String(given) : given;
  if (isValidEventId(id)) return id;
  if (id != null) warn('bad eventId');
  return randomEventId('evt', randomHex);
}
