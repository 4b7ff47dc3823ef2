/**
 * The ad platforms pixelpair pairs a browser copy and a server copy for. Each has its own
 * dialect (names, hashing, consent, errors); what they share lives in core.
 */
export const DESTINATIONS = ['tiktok', 'meta', 'google'] as const;
export type DestinationId = (typeof DESTINATIONS)[number];

export function isDestinationId(value: unknown): value is DestinationId {
  return typeof value === 'string' && (DESTINATIONS as readonly string[]).includes(value);
}
