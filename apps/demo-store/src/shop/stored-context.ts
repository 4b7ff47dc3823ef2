/**
 * The evidence the shop keeps on a cart, order or lead: what the browser captured (hidden
 * form fields or the collect hand-off) plus what the request itself showed (client IP,
 * user agent, cookies). The server copy is built from this record later, never from
 * values invented at send time.
 */
import { contextFromFields, UNKNOWN_CONSENT } from '@pixelpair/core';
import type { CapturedContext, ConsentState } from '@pixelpair/core';

/** What one HTTP request shows about the visitor, independent of any browser script. */
export interface RequestEvidence extends ClickEvidence {
  ip?: string;
  userAgent?: string;
  locale?: string;
  /** The page the request came from (its Referer): the event's page when no script ran. */
  pageUrl?: string;
}

/** The platforms' click ids and browser cookies (TikTok, Meta, Google), as the browser or the request saw them. */
export interface ClickEvidence {
  ttclid?: string;
  ttp?: string;
  fbc?: string;
  fbp?: string;
  gclid?: string;
  gbraid?: string;
  wbraid?: string;
}

export const CLICK_EVIDENCE_KEYS = ['ttclid', 'ttp', 'fbc', 'fbp', 'gclid', 'gbraid', 'wbraid'] as const;

export interface StoredContext extends ClickEvidence {
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
 * click ids, platform cookies and user agent (they were read at the edge of the session); the request supplies
 * the IP (only the server sees it) and fills gaps when the script was blocked.
 */
export function storeContext(browser: CapturedContext | undefined, request: RequestEvidence, source: StoredContext['source'], now = new Date()): StoredContext {
  const stored: StoredContext = {
    page: { ...(browser?.page ?? {}) },
    consent: browser?.consent ?? { ...UNKNOWN_CONSENT },
    capturedAt: browser?.capturedAt || now.toISOString(),
    source: browser ? source : 'request',
  };
  for (const key of CLICK_EVIDENCE_KEYS) {
    const value = browser?.[key] ?? request[key];
    if (value) stored[key] = value;
  }
  const userAgent = browser?.userAgent ?? request.userAgent;
  if (userAgent) stored.userAgent = userAgent;
  // Without the script, the Referer still names the page the visitor acted on.
  if (!stored.page.url && request.pageUrl) stored.page.url = request.pageUrl;
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
 * (a checkout page without `_ttp` or `_fbp` must not erase the cart's).
 */
export function refreshContext(previous: StoredContext | undefined, next: StoredContext): StoredContext {
  if (!previous) return next;
  const merged: StoredContext = { ...next, page: { ...next.page } };
  for (const key of CLICK_EVIDENCE_KEYS) if (!merged[key] && previous[key]) merged[key] = previous[key];
  if (!merged.userAgent && previous.userAgent) merged.userAgent = previous.userAgent;
  if (!merged.ip && previous.ip) merged.ip = previous.ip;
  // A request without browser fields knows nothing about consent: keep the recorded decision.
  if (next.source === 'request') merged.consent = previous.consent;
  return merged;
}
