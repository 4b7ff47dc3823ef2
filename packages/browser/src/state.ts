/**
 * The one piece of shared mutable state. A plain object (not a class) so every module
 * reads the same consent, queue and settings.
 */
import { UNKNOWN_CONSENT, DEFAULT_TTCLID_DAYS, type ConsentState } from '@pixelpair/core';

/** A Pixel call waiting for a consent decision: method name and its arguments. */
export type PixelCall = [method: string, args: unknown[]];

export interface State {
  consent: ConsentState;
  /** True when a consent mode was configured: Pixel calls wait for a decision. */
  hold?: boolean;
  /** Calls made while held, with their original event_ids; released on grant, dropped on deny. */
  queue: PixelCall[];
  /** Click id captured on this page, kept in memory too so capture survives disabled cookies. */
  ttclid?: string;
  /** Referrer of the current page view; an SPA route change makes it the previous URL. */
  referrer?: string;
  cookieDays: number;
  cookieDomain?: string;
  collectUrl?: string;
  debug?: boolean;
  started?: boolean;
}

export const state: State = { consent: UNKNOWN_CONSENT, queue: [], cookieDays: DEFAULT_TTCLID_DAYS };
