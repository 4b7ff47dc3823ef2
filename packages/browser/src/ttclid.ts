/**
 * The TikTok click id: taken from the landing URL, or from a same-site referrer when a
 * redirect lost it, and kept in core's first-party `ttclid` cookie (30 days by default).
 * A later landing with a new ttclid replaces the old one. In a consent mode the cookie waits
 * for the storage consent (click-storage.ts); the id is in context() from the start.
 */
import { TTCLID_COOKIE, TTCLID_PARAM, isClickId } from '@pixelpair/core';
import { state } from './state.js';
import { safe } from './log.js';
import { readCookie, siteDomain } from './cookies.js';
import { storeClickId } from './click-storage.js';


/** Reads the landing URL (then a same-site referrer) and persists a new click id; never throws. */
export const captureTtclid: () => void = /* @__PURE__ */ safe(() => {
  let found = new URLSearchParams(location.search).get(TTCLID_PARAM);
  if (!found && document.referrer) {
    // a malformed referrer throws here and is ignored
    const referrer = new URL(document.referrer);
    found = referrer.searchParams.get(TTCLID_PARAM);
    // same host, or under the site's cookie domain (shop. → checkout.)
    if (found && !('.' + referrer.hostname).endsWith('.' + (state._domain || siteDomain() || location.hostname))) found = null;
  }
  // core's click-id rule, the same one the server's hand-off applies: a ttclid it would refuse
  // (a separator, a phone number) is never kept, so it cannot sink a hand-off later
  if (isClickId(found)) {
    state._ttclid = found;
    // written without reading first (a document.cookie read is a synchronous round trip in
    // Chromium), after the storage consent and off the start-up path
    storeClickId(TTCLID_COOKIE, found, state._days);
  }
});

/** The click id for this visitor: this page's capture, else the cookie. */
export const currentTtclid = (): string | undefined => state._ttclid || readCookie(TTCLID_COOKIE);
