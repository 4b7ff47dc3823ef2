/**
 * The evidence the shop keeps on a cart, order or lead: what the browser captured (hidden
 * form fields or the collect hand-off) plus what the request itself showed (client IP,
 * user agent, cookies). The server copy is built from this record later, never from
 * values invented at send time.
 */
import { contextFromFields, UNKNOWN_CONSENT } from '@pixelpair/core';
import type { CapturedContext, ConsentState } from '@pixelpair/core';

/** What one HTTP request shows about the visitor, independent of any browser script. */
export interface RequestEvidence {
  ip?: string;
  userAgent?: string;
  ttclid?: string;
  ttp?: string;
  locale?: string;
}

export interface StoredContext {
  ttclid?: string;
  ttp?: string;
  ip?: string;
  userAgent?: string;
  locale?: string;
  page: { url?: string; referrer?: string };
  consent: ConsentState;
  /** When the browser captured it (ISO-8601), or when the request arrived if no script ran. */
  capturedAt: string;
  /** Where the browser part came from: hidden form fields, a collect hand-off, or only the request. */
  source: 'form' | 'handoff' | 'request';
}

/**
 * Combines the browser's captured context with the request. The browser's values win for
 * ttclid/ttp/user agent (they were read at the edge of the session); the request supplies
 * the IP (only the server sees it) and fills gaps when the script was blocked.
 */
export function storeContext(browser: CapturedContext | undefined, request: RequestEvidence, source: StoredContext['source'], now = new Date()): StoredContext {
  const stored: StoredContext = {
    page: { ...(browser?.page ?? {}) },
    consent: browser?.consent ?? { ...UNKNOWN_CONSENT },
    capturedAt: browser?.capturedAt || now.toISOString(),
    source: browser ? source : 'request',
  };
  const ttclid = browser?.ttclid ?? request.ttclid;
  const ttp = browser?.ttp ?? request.ttp;
  const userAgent = browser?.userAgent ?? request.userAgent;
  if (ttclid) stored.ttclid = ttclid;
  if (ttp) stored.ttp = ttp;
  if (userAgent) stored.userAgent = userAgent;
  if (request.ip) stored.ip = request.ip;
  if (request.locale) stored.locale = request.locale;
  return stored;
}

/** Context from a classic form post: the hidden `pp_*` fields the browser package wrote. */
export function contextFromForm(form: Record<string, string>, request: RequestEvidence, now = new Date()): StoredContext {
  const hasBrowserFields = Object.keys(form).some((key) => key.startsWith('pp_'));
  return storeContext(hasBrowserFields ? contextFromFields(form) : undefined, request, 'form', now);
}

/**
 * A later capture replaces the earlier one, but keeps identifiers the later one lacks
 * (a checkout page without `_ttp` must not erase the cart's `_ttp`).
 */
export function refreshContext(previous: StoredContext | undefined, next: StoredContext): StoredContext {
  if (!previous) return next;
  const merged: StoredContext = { ...next, page: { ...next.page } };
  if (!merged.ttclid && previous.ttclid) merged.ttclid = previous.ttclid;
  if (!merged.ttp && previous.ttp) merged.ttp = previous.ttp;
  if (!merged.userAgent && previous.userAgent) merged.userAgent = previous.userAgent;
  if (!merged.ip && previous.ip) merged.ip = previous.ip;
  // A request without browser fields knows nothing about consent: keep the recorded decision.
  if (next.source === 'request') merged.consent = previous.consent;
  return merged;
}
