/**
 * Hand-off helpers: carry the context to the storefront backend with the request it
 * already makes (a JSON field, hidden form fields) or with a beacon, so the server twin
 * sends its copy with the same event_id and the browser's evidence.
 */
import { CONTEXT_FIELD, contextToFields, type CapturedContext, type Handoff } from '@pixelpair/core';
import { context } from './context.js';
import { state } from './state.js';
import { safe } from './log.js';

/** `{ ...body, pixelpair: context() }`, for JSON requests (cart, checkout, lead). */
export const withContext: <T extends object>(body?: T) => T & { pixelpair: CapturedContext } = /* @__PURE__ */ safe(
  (body?: any) => ({ ...body, pixelpair: context() }),
  // a body that throws when copied goes out as it is
  (body?: any) => body,
);

/** Adds or updates the one hidden input core's contextToFields names (`pp_context`, the context as JSON) in a form. */
export const addContextFields: (form: HTMLFormElement) => void = /* @__PURE__ */ safe((form: HTMLFormElement) => {
  let input = form.querySelector<HTMLInputElement>('input[name=' + CONTEXT_FIELD + ']');
  if (!input) {
    input = form.appendChild(document.createElement('input'));
    input.type = 'hidden';
    input.name = CONTEXT_FIELD;
  }
  input.value = contextToFields(context())[CONTEXT_FIELD]!;
});

/** A hand-off whose context is filled in from `context()` when left out. */
export type BeaconInput = Omit<Handoff, 'context'> & { context?: CapturedContext };

/**
 * Sends a Handoff as JSON to `url`, else the configured collect URL, with
 * navigator.sendBeacon. True when the browser queued it; false without a collect URL,
 * without sendBeacon, or when the browser refused (e.g. a payload over 64 KB).
 */
export const beacon: (handoff: BeaconInput, url?: string) => boolean = /* @__PURE__ */ safe((handoff: BeaconInput, url?: string) => {
  const target = url || state._collectUrl;
  return !!target && navigator.sendBeacon(target, new Blob([JSON.stringify({ ...handoff, context: handoff.context || context() })], { type: 'application/json' }));
}, () => false);
