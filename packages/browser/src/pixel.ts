/**
 * The TikTok Pixel (`window.ttq`): works with a ttq the page already has (TikTok's base
 * code), or installs the same array-queue stub itself and loads the pixel script.
 * Every call goes through `send`, which applies the consent decision.
 */
import { state } from './state.js';
import { loadScript } from './platforms/platform.js';
import { TAG, attempt, warn } from './log.js';

/** TikTok's pixel script; tests and the demo point `pixelSrc` at the local stand-in. */
export const DEFAULT_PIXEL_SRC = 'https://analytics.tiktok.com/i18n/pixel/events.js';
/**
 * Stub methods of TikTok's base code that pixelpair and consent code call before the
 * script loads (the full base code also stubs debug/on/off/once/ready/alias/group/instances).
 */
const METHODS = 'page track identify holdConsent grantConsent revokeConsent enableCookie disableCookie'.split(' ');
/** Held calls are bounded so a visitor who never answers the banner cannot grow memory. */
const MAX_HELD = 100;

type Ttq = any[] & Record<string, any>;

/** Calls ttq now, whatever the consent state; a missing or throwing ttq is only warned about. */
export function callPixel(method: string, args: unknown[] = []): void {
  try {
    (window as any).ttq[method](...args);
  } catch (e) {
    TAG ? warn(e) : warn('ttq.' + method, e);
  }
}

/** The consent gate: send when allowed, hold while undecided in a consent mode, drop when denied; never throws. */
export function send(method: string, args: unknown[] = []): void {
  const decision = state._consent.adUserData;
  const queue = state._queue;
  // indexed writes, not push: a page can replace Array.prototype.push
  if (decision === 'unknown' && state._hold) {
    if (queue.length < MAX_HELD) queue[queue.length] = [method, args];
  } else if (decision !== 'denied') callPixel(method, args);
}

/** Defines `window.ttq` as TikTok's base code does, unless the page already has one. */
export function ensureTtq(): Ttq {
  const w = window as any;
  if (!w.ttq) {
    const ttq: Ttq = (w.ttq = []);
    w.TiktokAnalyticsObject = 'ttq';
    ttq.methods = METHODS;
    for (const method of METHODS) ttq[method] = (...args: unknown[]) => { ttq[ttq.length] = [method, ...args]; };
  }
  return w.ttq;
}

/**
 * Inserting the script costs Chromium a round trip to start the fetch (about 2 ms of
 * start-up), so it waits for the next task; the base-code queue keeps every call meanwhile.
 * A throwing createElement or appendChild costs only the script: the queue still fills.
 */
const injectScript = (src: string): void => {
  setTimeout(() => attempt(() => loadScript(src)));
};

/**
 * Loads the pixel for `pixelId` the way TikTok's `ttq.load` does, unless the page's base
 * code already loaded it. True when this call loaded it (pixelpair then owns the first page view).
 */
export function loadPixel(pixelId: string, src: string, options: object): boolean {
  const ttq = ensureTtq();
  const loaded = (ttq._i = ttq._i || {});
  if (loaded[pixelId]) return false;
  (loaded[pixelId] = [] as Ttq)._u = src;
  (ttq._t = ttq._t || {})[pixelId] = +new Date();
  (ttq._o = ttq._o || {})[pixelId] = options;
  injectScript(src + (src.includes('?') ? '&' : '?') + 'sdkid=' + encodeURIComponent(pixelId) + '&lib=ttq');
  return true;
}
