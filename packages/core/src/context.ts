/**
 * The captured context: what the browser saw at the edge of the session, handed to the
 * backend (JSON field, hidden form fields or a beacon) and stored on the cart/order, so the
 * server copy carries the browser's evidence instead of values invented at send time.
 */
import type { ConsentState } from './consent.js';

export interface PageContext {
  url?: string;
  referrer?: string;
}

export interface CapturedContext {
  /** TikTok click id from the landing URL, persisted in a first-party cookie. */
  ttclid?: string;
  /** The `_ttp` cookie, opaque and verbatim; never invented. */
  ttp?: string;
  /** Meta's click cookie (`_fbc`, `fb.1.<ms>.<fbclid>`), from the cookie or built from a landing fbclid. */
  fbc?: string;
  /** Meta's browser id cookie (`_fbp`), verbatim; set by Meta's pixel, never invented. */
  fbp?: string;
  /** Google Ads click ids from the landing URL (at most one of gbraid / wbraid). */
  gclid?: string;
  gbraid?: string;
  wbraid?: string;
  userAgent?: string;
  page: PageContext;
  consent: ConsentState;
  /** ISO-8601 time of capture. */
  capturedAt: string;
}

/** What the browser sends to a collect endpoint: one action, its id, and the context. */
export interface Handoff {
  event: string;
  eventId: string;
  properties?: Record<string, unknown>;
  context: CapturedContext;
}

/**
 * The hidden form field that carries the context in a classic form post, shared by the
 * browser (which writes it) and the server (which reads it). One JSON field rather than one
 * field per value: it costs the script tag no name table, and the server validates one shape.
 */
export const CONTEXT_FIELD = 'pp_context';

/** The context as form fields: `{ pp_context: "<json>" }`. */
export function contextToFields(ctx: CapturedContext): Record<string, string> {
  return { [CONTEXT_FIELD]: JSON.stringify(ctx) };
}

/** The context's flat string keys: click ids, platform cookies and the user agent. */
export const CONTEXT_STRING_KEYS = ['ttclid', 'ttp', 'fbc', 'fbp', 'gclid', 'gbraid', 'wbraid', 'userAgent'] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const consentValue = (value: unknown): ConsentState['adUserData'] => (value === 'granted' || value === 'denied' ? value : 'unknown');

/**
 * Rebuilds a context from form fields (the inverse of contextToFields). Only string values
 * of the known keys are kept; malformed JSON or a missing field gives an empty context with
 * unknown consent, never an exception. Length and format checks are the server's job.
 */
export function contextFromFields(fields: Record<string, unknown>): CapturedContext {
  let raw: Record<string, any> = {};
  try {
    const parsed = JSON.parse(String(fields[CONTEXT_FIELD] ?? '{}'));
    if (parsed && typeof parsed === 'object') raw = parsed;
  } catch {
    raw = {};
  }
  const page = raw.page && typeof raw.page === 'object' ? raw.page : {};
  const given = raw.consent && typeof raw.consent === 'object' ? raw.consent : {};
  const consent: ConsentState = { adUserData: consentValue(given.adUserData), adPersonalization: consentValue(given.adPersonalization) };
  const region = text(given.region);
  const cmpName = text(given.cmp?.name);
  const cmpVersion = text(given.cmp?.version);
  const decidedAt = text(given.decidedAt);
  if (region) consent.region = region;
  if (cmpName) consent.cmp = cmpVersion ? { name: cmpName, version: cmpVersion } : { name: cmpName };
  if (decidedAt) consent.decidedAt = decidedAt;
  const ctx: CapturedContext = { page: {}, consent, capturedAt: text(raw.capturedAt) ?? '' };
  for (const key of CONTEXT_STRING_KEYS) {
    const value = text(raw[key]);
    if (value) ctx[key] = value;
  }
  const url = text(page.url);
  const referrer = text(page.referrer);
  if (url) ctx.page.url = url;
  if (referrer) ctx.page.referrer = referrer;
  return ctx;
}
