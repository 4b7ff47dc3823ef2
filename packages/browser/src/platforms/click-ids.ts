/**
 * Platform click ids from the landing URL, and the one function that keeps them as
 * first-party cookies (so storage-consent gating has a single place to go).
 */
import { isClickId } from '@pixelpair/core';
import { state } from '../state.js';
import { writeCookie } from '../cookies.js';

/** The landing URL's `name` parameter when core's isClickId accepts it (verbatim: fbclid is case-sensitive). */
export function landingParam(name: string): string | undefined {
  const value = new URLSearchParams(location.search).get(name);
  return isClickId(value) ? value : undefined;
}

/** Every platform click-id cookie write goes through here. */
export function storeClickId(cookie: string, value: string, days: number): void {
  writeCookie(cookie, value, days, state._domain);
}
