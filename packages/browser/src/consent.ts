/**
 * One consent state `{ adUserData, adPersonalization }` (core's model), fed by the TCF and
 * Consent Mode adapters and by manual `consent({...})` calls from custom CMPs.
 * adUserData gates the Pixel: granted → `ttq.grantConsent()` and held calls are released
 * with their original event_ids; denied → `ttq.revokeConsent()` and held calls are dropped.
 * adPersonalization is recorded for the server and the audit trail. adStorage (kept apart,
 * not part of the context) lets click ids be written on the device (click-storage.ts).
 */
import { toConsentValue, updateConsent, type ConsentCmp, type ConsentState, type ConsentValue } from '@pixelpair/core';
import { state } from './state.js';
import { now, safe } from './log.js';
import { callPixel } from './pixel.js';
import { platformsDecided } from './platforms/platform.js';
import { flushSoon } from './click-storage.js';

export type ConsentInput = {
  adUserData?: ConsentValue | boolean;
  adPersonalization?: ConsentValue | boolean;
  /**
   * Storing click ids on the device (cookies such as `ttclid`): TCF purpose 1, Consent Mode
   * ad_storage. Left out, it follows this update's adUserData.
   */
  adStorage?: ConsentValue | boolean;
  /** ISO region or country the decision was made in, e.g. `DE`, `US-CA`. */
  region?: string;
  cmp?: ConsentCmp;
};

const current = (): ConsentState => ({ ...state._consent });

/** Applies a consent update and returns the resulting state; `consent()` alone reads it. */
export const consent: (update?: ConsentInput) => ConsentState = /* @__PURE__ */ safe((update?: ConsentInput) => {
  update = update || {};
  const previous = state._consent;
  const before = previous.adUserData;
  const storage = toConsentValue(update.adStorage ?? update.adUserData);
  const next = (state._consent = updateConsent(previous, update, now));
  const decision = next.adUserData;
  if (storage !== 'unknown') {
    state._storage = storage;
    flushSoon();
  }
  if (decision !== before && decision !== 'unknown') {
    const held = state._queue;
    state._queue = [];
    callPixel(decision === 'granted' ? 'grantConsent' : 'revokeConsent');
    // an index loop: a page can replace the array iterator
    if (decision === 'granted') for (let i = 0; i < held.length; i++) callPixel(held[i]![0], held[i]![1]);
  }
  // the platforms also hear a changed adPersonalization (Google's ad_personalization)
  if (decision !== 'unknown' && (decision !== before || next.adPersonalization !== previous.adPersonalization)) platformsDecided(next);
  return current();
}, current);
