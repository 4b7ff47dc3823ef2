/**
 * Google's tag as a platform: gtag.js with its `dataLayer` queue, `gtag('js', new Date())`,
 * `gtag('config', tagId)`. Only events named in `conversions` go to Google, as the tag's
 * conversion for that label with the event_id as `transaction_id` (Google deduplicates the
 * Data Manager copy on it). Consent: unless Google's Consent Mode is the consent source
 * (the tag already has the decision), pixelpair's decision is passed on as
 * `gtag('consent', 'default' | 'update', …)`, denied while undecided.
 * The landing gclid / gbraid / wbraid are kept in first-party cookies for the server copy.
 */
import { GOOGLE_CLICK_DAYS, GOOGLE_CLICK_PARAMS, googleClickCookie, type CapturedContext, type ConsentState } from '@pixelpair/core';
import { state } from '../state.js';
import { TAG, warn } from '../log.js';
import { readCookie } from '../cookies.js';
import { landingParam, storeClickId } from './click-ids.js';
import { canonicalName } from './event-names.js';
import { grantedOrDenied, loadScript, type Platform } from './platform.js';

export const DEFAULT_GOOGLE_TAG_SRC = 'https://www.googletagmanager.com/gtag/js';

export interface GoogleTagOptions {
  /** The Google tag id, e.g. `AW-1000000001`. */
  tagId: string;
  /** pixelpair event name (any spelling: `Purchase`, `CompletePayment`) → conversion label; `send_to` is `tagId/label`. */
  conversions?: Record<string, string>;
  /** gtag.js URL (`?id=` is added); default Google's. Tests and the demo point it at the local stand-in. */
  src?: string;
}

const gtag = (...args: unknown[]): void => (window as any).gtag(...args);

/** Consent Mode's signals from pixelpair's decision: ad_storage follows adUserData (it has no server counterpart). */
const signals = (decision: ConsentState) => ({
  ad_storage: grantedOrDenied(decision.adUserData),
  ad_user_data: grantedOrDenied(decision.adUserData),
  ad_personalization: grantedOrDenied(decision.adPersonalization),
});

export function googleTag(options: GoogleTagOptions): Platform {
  const { tagId, conversions = {} } = options;
  if (!TAG && !tagId) warn('googleTag: tagId is required');
  const labels: Record<string, string> = {};
  for (const name in conversions) labels[canonicalName(name)] = conversions[name]!;
  const ids: Record<string, string | undefined> = {};
  // with Consent Mode as the source the tag already has the decision: echoing it back would loop
  const echo = () => !state._sources.includes('gcm');
  const conversion = (event: string, eventId: string, properties: Record<string, unknown>) => {
    const label = ({}).hasOwnProperty.call(labels, event = canonicalName(event)) && labels[event];
    if (label) gtag('event', 'conversion', { send_to: tagId + '/' + label, transaction_id: eventId, value: properties.value, currency: properties.currency });
  };
  return {
    id: 'google',
    load() {
      const w = window as any;
      const fresh = !w.gtag;
      if (fresh) {
        w.dataLayer = w.dataLayer || [];
        w.gtag = function () {
          w.dataLayer.push(arguments);
        };
      }
      if (state._hold && echo()) gtag('consent', 'default', signals(state._consent));
      if (fresh) {
        gtag('js', new Date());
        const src = options.src || DEFAULT_GOOGLE_TAG_SRC;
        loadScript(src + (src.includes('?') ? '&' : '?') + 'id=' + encodeURIComponent(tagId));
      }
      gtag('config', tagId);
    },
    capture() {
      for (const param of GOOGLE_CLICK_PARAMS) {
        const value = landingParam(param);
        if (value) storeClickId(googleClickCookie(param), (ids[param] = value), GOOGLE_CLICK_DAYS);
      }
    },
    track: conversion,
    // a page view is a conversion only when `conversions` names PageView (gtag's config sent the page view itself)
    page: (eventId) => conversion('PageView', eventId, {}),
    consent(decision) {
      if (echo()) gtag('consent', 'update', signals(decision));
    },
    context(): Partial<CapturedContext> {
      const read = (param: (typeof GOOGLE_CLICK_PARAMS)[number]) => ids[param] || readCookie(googleClickCookie(param));
      const wbraid = read('wbraid');
      // Google takes at most one of gbraid / wbraid: the web one wins on a web page
      return { gclid: read('gclid'), gbraid: wbraid ? undefined : read('gbraid'), wbraid };
    },
  };
}
