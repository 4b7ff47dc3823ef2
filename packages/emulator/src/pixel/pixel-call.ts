/**
 * One recorded `ttq` call, as the pixel stub reports it to `POST /pixel/collect`. The
 * collector keeps only known fields with the right types, so a page cannot grow the
 * records with arbitrary data, and identity values never arrive (the stub sends only
 * which identify keys were set and whether they were hashed).
 */

/** What happened to a call: sent (would reach TikTok), held (consent on hold), dropped (consent revoked), recorded (not an event). */
export type PixelStatus = 'sent' | 'held' | 'dropped' | 'recorded';
export type PixelConsent = 'default' | 'held' | 'granted' | 'revoked';
export type IdentityKind = 'hashed' | 'plain';

export interface PixelCall {
  seq: number;
  /** Arrival at the stand-in, ms since the epoch. */
  at: number;
  /** Browser clock when the call was made. */
  time: number;
  /** Unique per call in a page; a held call released on grant keeps its callId. */
  callId: string;
  pixelId: string | null;
  method: string;
  event: string | null;
  eventId: string | null;
  properties: Record<string, unknown> | null;
  /** The 3rd `track` argument or the `load` options (event_id, pixel_code, historyObserver…). */
  options: Record<string, unknown> | null;
  status: PixelStatus;
  /** True for the automatic Pageview of TikTok's history observer. */
  auto: boolean;
  /** True when a held call was released by grantConsent. */
  released: boolean;
  consent: PixelConsent;
  cookiesEnabled: boolean;
  ttp: string | null;
  /** Identify keys known when the call was made: which, and whether hashed (never the values). */
  identity: Record<string, IdentityKind>;
  url: string;
  referrer: string;
  userAgent: boolean;
}

const STATUSES = new Set<PixelStatus>(['sent', 'held', 'dropped', 'recorded']);
const CONSENTS = new Set<PixelConsent>(['default', 'held', 'granted', 'revoked']);
const MAX_STRING = 4096;

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value.slice(0, MAX_STRING) : fallback;
}

function strOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, MAX_STRING) : null;
}

function mapping(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Turns a posted body into a PixelCall, or returns an error message naming the field. */
export function toPixelCall(body: unknown, seq: number, at: number, userAgent: boolean): PixelCall | string {
  const b = mapping(body);
  if (!b) return 'body: expected a JSON object';
  if (typeof b.method !== 'string' || !b.method) return 'method: expected a non-empty string';
  const status = b.status as PixelStatus;
  if (!STATUSES.has(status)) return 'status: expected sent, held, dropped or recorded';
  const consent = CONSENTS.has(b.consent as PixelConsent) ? (b.consent as PixelConsent) : 'default';
  const identity: Record<string, IdentityKind> = {};
  const rawIdentity = mapping(b.identity);
  if (rawIdentity) {
    for (const key of Object.keys(rawIdentity).slice(0, 20)) {
      if (rawIdentity[key] === 'hashed' || rawIdentity[key] === 'plain') identity[key] = rawIdentity[key] as IdentityKind;
    }
  }
  return {
    seq, at,
    time: typeof b.time === 'number' && Number.isFinite(b.time) ? b.time : at,
    callId: str(b.callId, `srv-${seq}`),
    pixelId: strOrNull(b.pixelId),
    method: b.method.slice(0, 64),
    event: strOrNull(b.event),
    eventId: strOrNull(b.eventId),
    properties: mapping(b.properties),
    options: mapping(b.options),
    status,
    auto: b.auto === true,
    released: b.released === true,
    consent,
    cookiesEnabled: b.cookiesEnabled !== false,
    ttp: strOrNull(b.ttp),
    identity,
    url: str(b.url),
    referrer: str(b.referrer),
    userAgent,
  };
}
