/**
 * Platform click ids from the landing URL; they are kept as first-party cookies through
 * click-storage's one door, so they wait for storage consent like the ttclid.
 */
import { isClickId } from '@pixelpair/core';

/** The landing URL's `name` parameter when core's isClickId accepts it (verbatim: fbclid is case-sensitive). */
export function landingParam(name: string): string | undefined {
  const value = new URLSearchParams(location.search).get(name);
  return isClickId(value) ? value : undefined;
}

/** Every platform click-id cookie write goes through the same storage-consent door as the ttclid. */
export { storeClickId } from '../click-storage.js';
