/**
 * Start-up, once per page: settings, the consent hold and its adapters, the Pixel (the
 * page's own ttq, or TikTok's base-code queue plus the pixel script), ttclid capture, the
 * platforms (Meta, Google) loaded after the hold, the first page view and, for single-page
 * apps, one page view per route change.
 */
import { state } from './state.js';
import { TAG, safe, warn } from './log.js';
import { DEFAULT_PIXEL_SRC, loadPixel, ensureTtq, callPixel } from './pixel.js';
import { listenTcf } from './tcf.js';
import { listenConsentMode } from './consent-mode.js';
import { captureTtclid } from './ttclid.js';
import { page, watchRoutes } from './page.js';
import { resolveEventId } from './id.js';
import { guard, platformsPage, type Platform } from './platforms/platform.js';

export type ConsentSource = 'manual' | 'tcf' | 'gcm';

/** The script tag's data attributes arrive as strings, so flags and numbers accept those too. */
export interface InitOptions {
  /** Loads the Pixel for this id (unless the page's base code already did). Without it, the page's `ttq` is used. */
  pixelId?: string;
  /** Pixel script URL; default TikTok's `https://analytics.tiktok.com/i18n/pixel/events.js`. */
  pixelSrc?: string;
  /** Hold the Pixel until a decision from these sources: 'manual', 'tcf', 'gcm' (array or comma list). */
  consent?: ConsentSource | ConsentSource[] | string;
  /** Automatic page views on pushState / replaceState / popstate; TikTok's own history observer is turned off. */
  spa?: boolean | string;
  /** Lifetime of the ttclid cookie in days (default 30). */
  cookieDays?: number | string;
  /** Cookie domain; default: the highest domain the browser accepts. */
  cookieDomain?: string;
  /** Where `beacon()` posts hand-offs by default. */
  collectUrl?: string;
  /** console.warn what goes wrong (production stays silent). */
  debug?: boolean | string;
  /** The other platforms' pixels, each with the same event ids and consent: `[metaPixel({...}), googleTag({...})]`. */
  platforms?: Platform[] | Platform;
}

/** A flag is on when set to anything but false / "false" / "0" (`data-spa` with no value is on). */
const on = (flag: unknown) => flag != null && !/^(false|0)$/.test(flag as string);

export const init: (options?: InitOptions) => void = /* @__PURE__ */ safe((options: InitOptions = {}) => {
  const { pixelId, consent: sources = '' } = options;
  const spa = on(options.spa);
  state._debug = on(options.debug);
  if (state._started) return TAG || warn('init twice');
  state._started = true;
  state._spa = spa;
  if (+options.cookieDays! > 0) state._days = +options.cookieDays!;
  state._domain = options.cookieDomain;
  state._collectUrl = options.collectUrl;
  state._sources = '' + sources;
  if (sources.length) {
    // a consent mode: hold the Pixel (ttq.holdConsent() and a local queue) until a decision
    ensureTtq();
    state._hold = true;
    if (state._consent.adUserData === 'unknown') callPixel('holdConsent');
    if (sources.includes('tcf') && !listenTcf()) addEventListener('load', listenTcf);
    if (sources.includes('gcm')) listenConsentMode();
  }
  // after the consent hold (and a decision the CMP already had), so each platform's consent
  // default precedes its init
  // one platform instead of a list works too; holes (a conditional `cond && metaPixel(…)`) are skipped
  state._platforms = ([] as Platform[]).concat(options.platforms || []).filter(Boolean);
  for (const platform of state._platforms) guard(platform, (p) => p.load());
  // the first page view captures the click ids itself; without one (the page's own ttq
  // sent it), capture here, and the platforms pixelpair loaded still get theirs
  if (pixelId && loadPixel(pixelId, options.pixelSrc || DEFAULT_PIXEL_SRC, spa ? { historyObserver: false } : {})) page();
  else {
    captureTtclid();
    platformsPage(resolveEventId());
  }
  if (spa) watchRoutes();
});
