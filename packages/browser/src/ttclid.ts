/**
 * The TikTok click id: taken from the landing URL, or from a same-site referrer when a
 * redirect lost it, and kept in core's first-party `ttclid` cookie (30 days by default).
 * A later landing with a new ttclid replaces the old one.
 */
import { TTCLID_COOKIE, TTCLID_PARAM } from '@pixelpair/core';
import { state } from './state.js';
import { readCookie, siteDomain, writeCookie } from './cookies.js';

/** A ttclid worth keeping: bounded, no whitespace or cookie separators. */
const CLICK_ID = /^[^\s;,"\\]{1,500}$/;

/** The ttclid of a URL and whether the URL is on this site; malformed URLs give nothing. */
function read(href: string): [ttclid: string | null, host: string] {
  try {
    const url = new URL(href);
    return [url.searchParams.get(TTCLID_PARAM), url.hostname];
  } catch {
    return [null, ''];
  }
}

/** Reads the landing URL (then a same-site referrer) and persists a new click id. */
export function captureTtclid(): void {
  let [found] = read(location.href);
  if (!found) {
    const [fromReferrer, host] = read(document.referrer);
    const site = fromReferrer && host !== location.hostname && (state._domain || siteDomain());
    if (host === location.hostname || (site && ('.' + host).endsWith('.' + site))) found = fromReferrer;
  }
  if (found && CLICK_ID.test(found)) {
    state._ttclid = found;
    // written without reading first: in Chromium a document.cookie read is a synchronous
    // round trip to the network process, the costliest step of start-up
    writeCookie(TTCLID_COOKIE, found, state._days, state._domain);
  }
}

/** The click id for this visitor: this page's capture, else the cookie. */
export const currentTtclid = (): string | undefined => state._ttclid || readCookie(TTCLID_COOKIE);
