/**
 * The one piece of shared mutable state. A plain object (not a class) so every module
 * reads the same consent, queue and settings. Its fields start with `_`: the script-tag
 * build shortens those property names (terser mangle.properties, rollup.config.mjs), so
 * keep `_` for internal names only (TikTok's ttq fields `_i`, `_t`, `_o`, `_u` are one letter
 * and excluded).
 */
import { UNKNOWN_CONSENT, DEFAULT_TTCLID_DAYS, type ConsentState } from '@pixelpair/core';
import type { Platform } from './platforms/platform.js';

/** A Pixel call waiting for a consent decision: method name and its arguments. */
export type PixelCall = [method: string, args: unknown[]];

export interface State {
  _consent: ConsentState;
  /** True when a consent mode was configured: Pixel calls wait for a decision. */
  _hold?: boolean;
  /** Calls made while held, with their original event_ids; released on grant, dropped on deny. */
  _queue: PixelCall[];
  /** The other platforms' pixels (Meta, Google) from `init({ platforms })`. */
  _platforms: Platform[];
  /** Their calls made while held, in order; released on grant, dropped on deny. */
  _held: Array<() => void>;
  /** Click id captured on this page, kept in memory too so capture survives disabled cookies. */
  _ttclid?: string;
  /** Referrer of the current page view; an SPA route change makes it the previous URL. */
  _referrer?: string;
  _days: number;
  _domain?: string;
  _collectUrl?: string;
  /** The configured consent sources as a comma list ('' without a consent mode). */
  _sources: string;
  _debug?: boolean;
  /** pixelpair sends the route changes' page views (`spa`), so the pixels' own history observers stay off. */
  _spa?: boolean;
  _started?: boolean;
}

export const state: State = { _consent: UNKNOWN_CONSENT, _queue: [], _platforms: [], _held: [], _sources: '', _days: DEFAULT_TTCLID_DAYS };
