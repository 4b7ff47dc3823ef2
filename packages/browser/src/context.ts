/**
 * The captured context (core's CapturedContext): what the browser saw, read fresh at each
 * call so a `_ttp` set by the Pixel after load or a later consent decision is included.
 * identify() data is never part of it.
 */
import { TTP_COOKIE, type CapturedContext } from '@pixelpair/core';
import { state } from './state.js';
import { now, safe } from './log.js';
import { readCookie } from './cookies.js';
import { currentTtclid } from './ttclid.js';

/** What is always known, for when reading the page throws. */
const bare = (): CapturedContext => ({ page: {}, consent: { ...state._consent }, capturedAt: now() });

export const context: () => CapturedContext = /* @__PURE__ */ safe(
  (): CapturedContext => ({
    ttclid: currentTtclid(),
    ttp: readCookie(TTP_COOKIE),
    userAgent: navigator.userAgent,
    page: { url: location.href, referrer: state._referrer ?? (document.referrer || undefined) },
    consent: { ...state._consent },
    capturedAt: now(),
    // the platforms' ids: fbc / fbp (Meta), gclid / gbraid / wbraid (Google)
    ...Object.assign({}, ...state._platforms.map((platform) => platform.context?.())),
  }),
  bare,
);
