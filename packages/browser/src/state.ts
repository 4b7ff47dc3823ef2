/**
 * The one piece of shared mutable state. A plain object (not a class) so every module
 * reads the same consent, queue and settings.
 */
import { UNKNOWN_CONSENT, DEFAULT_TTCLID_DAYS, type ConsentState } from '@pixelpair/core';

/** A Pixel call waiting for a consent decision: method name and its arguments. */
export type PixelCall = [method: string, args: unknown[]];

export const state = {
  consent: UNKNOWN_CONSENT as ConsentState,
  /** True when a consent mode was configured: Pixel calls wait for a decision. */
  hold: false,
  /** Calls made while held, with their original event_ids; released on grant, dropped on deny. */
  queue: [] as PixelCall[],
  /** Click id captured on this page, kept in memory too so capture survives disabled cookies. */
  ttclid: undefined as string | undefined,
  /** Referrer of the current page view; an SPA route change makes it the previous URL. */
  referrer: undefined as string | undefined,
  cookieDays: DEFAULT_TTCLID_DAYS,
  cookieDomain: undefined as string | undefined,
  collectUrl: undefined as string | undefined,
  debug: false,
  started: false,
};
