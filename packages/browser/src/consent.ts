/**
 * One consent state `{ adUserData, adPersonalization }` (core's model), fed by the TCF and
 * Consent Mode adapters and by manual `consent({...})` calls from custom CMPs.
 * adUserData gates the Pixel: granted → `ttq.grantConsent()` and held calls are released
 * with their original event_ids; denied → `ttq.revokeConsent()` and held calls are dropped.
 * adPersonalization is recorded for the server and the audit trail.
 */
import { updateConsent, type ConsentCmp, type ConsentState, type ConsentValue } from '@pixelpair/core';
import { state } from './state.js';
import { now, safe } from './log.js';
import { callPixel } from './pixel.js';
import { platformsDecided } from './platforms/platform.js';

export type ConsentInput = {
  adUserData?: ConsentValue | boolean;
  adPersonalization?: ConsentValue | boolean;
  /** ISO region or country the decision was made in, e.g. `DE`, `US-CA`. */
  region?: string;
  cmp?: ConsentCmp;
};

const current = (): ConsentState => ({ ...state._consent });

/** Applies a consent update and returns the resulting state; `consent()` alone reads it. */
export const consent: (update?: ConsentInput) => ConsentState = /* @__PURE__ */ safe((update?: ConsentInput) => {
  const previous = state._consent;
  const before = previous.adUserData;
  const next = (state._consent = updateConsent(previous, update || {}, now));
  const decision = next.adUserData;
  if (decision !== before && decision !== 'unknown') {
    const held = state._queue;
    state._queue = [];
    callPixel(decision === 'granted' ? 'grantConsent' : 'revokeConsent');
    if (decision === 'granted') for (const [method, args] of held) callPixel(method, args);
  }
  // the platforms also hear a changed adPersonalization (Google's ad_personalization)
  if (decision !== 'unknown' && (decision !== before || next.adPersonalization !== previous.adPersonalization)) platformsDecided(next);
  return current();
}, current);
