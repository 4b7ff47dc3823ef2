/**
 * The Pixel side of the pair: `track` mints or reuses the event_id, hands it to
 * `ttq.track(event, properties, { event_id })` and returns it, whether the Pixel is there,
 * blocked, held for consent or throwing. The platforms given to `init` (Meta, Google) get
 * the same event_id.
 */
import { resolveEventId } from './id.js';
import { send } from './pixel.js';
import { safe } from './log.js';
import { toPlatforms } from './platforms/platform.js';

export interface TrackOptions {
  /** Your own event_id, e.g. `orderEventId(order.id)`; the server copy must use the same one. */
  eventId?: string;
}

export function track(event: string, properties?: Record<string, unknown>, options?: TrackOptions): string {
  const id = resolveEventId(options?.eventId);
  send('track', [event, properties || {}, { event_id: id }]);
  // the same id on every other platform's pixel (init's platforms), through the same consent gate
  toPlatforms((platform) => platform.track(event, id, properties || {}));
  return id;
}

export interface IdentifyInput {
  email?: string;
  phone?: string;
  externalId?: string;
}

/**
 * Forwards identity to `ttq.identify` with TikTok's browser keys (`email`, `phone_number`,
 * `external_id`); the Pixel hashes plain values. Kept nowhere else: not in the context,
 * not in beacons. Empty and non-string values are left out.
 */
export const identify: (user: IdentifyInput) => void = /* @__PURE__ */ safe((user: IdentifyInput) => {
  const keys: Record<string, unknown> = { email: user.email, phone_number: user.phone, external_id: user.externalId };
  for (const key in keys) if (typeof keys[key] !== 'string' || !keys[key]) delete keys[key];
  if (Object.keys(keys).length) send('identify', [keys]);
});
