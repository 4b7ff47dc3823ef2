/**
 * Meta's Pixel as a platform: Meta's base-code queue (`fbq` plus `fbevents.js`), then
 * `fbq('init', pixelId)`; every track goes out as `fbq('track' | 'trackCustom', name,
 * customData, { eventID })` with the event_id ttq got, so Meta pairs it with the
 * Conversions API copy. Consent: in a consent mode `fbq('consent', 'revoke')` comes before
 * init (Meta asks for it on every page), `grant` / `revoke` follow the decision.
 * The landing fbclid becomes Meta's `_fbc` cookie; `_fbp` (set by fbevents.js) is only read.
 */
import { FBCLID_PARAM, FBC_COOKIE, FBC_DAYS, FBP_COOKIE, fbcSubdomainIndex, formatFbc, type ConsentState } from '@pixelpair/core';
import { state } from '../state.js';
import { TAG, warn } from '../log.js';
import { readCookie, siteDomain } from '../cookies.js';
import { landingParam, storeClickId } from './click-ids.js';
import { loadScript, type Platform } from './platform.js';
import { metaCustomData } from './meta-custom-data.js';
import { metaEventName } from './event-names.js';

export const DEFAULT_META_PIXEL_SRC = 'https://connect.facebook.net/en_US/fbevents.js';

export interface MetaPixelOptions {
  /** Your Meta pixel (dataset) id. */
  pixelId: string;
  /** fbevents.js URL; default Meta's. Tests and the demo point it at the local stand-in. */
  pixelSrc?: string;
}

const fbq = (...args: unknown[]): void => (window as any).fbq(...args);

/** Defines `window.fbq` as Meta's base code does and loads the script, unless the page already has one. */
function ensureFbq(src: string): void {
  const w = window as any;
  if (w.fbq) return;
  // fbevents.js sets callMethod and drains the queue of argument lists
  const q: any = (w.fbq = (...args: unknown[]) => (q.callMethod ? q.callMethod.apply(q, args) : q.queue.push(args)));
  w._fbq = w._fbq || q;
  Object.assign(q, { push: q, loaded: true, version: '2.0', queue: [] });
  loadScript(src);
}

export function metaPixel(options: MetaPixelOptions): Platform {
  if (!TAG && !options.pixelId) warn('metaPixel: pixelId is required');
  let fbc: string | undefined;
  const consent = (decision: ConsentState) => fbq('consent', decision.adUserData === 'granted' ? 'grant' : 'revoke');
  return {
    id: 'meta',
    load() {
      ensureFbq(options.pixelSrc || DEFAULT_META_PIXEL_SRC);
      // fbevents.js sends its own PageView (without our eventID) on pushState unless told not to
      if (state._spa) (window as any).fbq.disablePushState = true;
      // before init, on every page: an undecided visitor starts revoked
      if (state._hold) consent(state._consent);
      fbq('init', options.pixelId);
    },
    capture() {
      const fbclid = landingParam(FBCLID_PARAM);
      if (!fbclid) return;
      const current = readCookie(FBC_COOKIE);
      // Meta's rule: keep the cookie while its part after the last '.' is this fbclid (a
      // reload keeps the first time); a newer click replaces it
      fbc = current?.slice(current.lastIndexOf('.') + 1) === fbclid ? current : formatFbc(fbclid, Date.now(), fbcSubdomainIndex(state._domain || siteDomain()));
      if (fbc !== current) storeClickId(FBC_COOKIE, fbc, FBC_DAYS);
    },
    track(event, eventId, properties) {
      const [name, standard] = metaEventName(event);
      fbq(standard ? 'track' : 'trackCustom', name, metaCustomData(properties), { eventID: eventId });
    },
    page(eventId) {
      fbq('track', 'PageView', {}, { eventID: eventId });
    },
    consent,
    context: () => ({ fbc: fbc || readCookie(FBC_COOKIE), fbp: readCookie(FBP_COOKIE) }),
  };
}
