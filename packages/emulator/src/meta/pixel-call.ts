/**
 * One recorded `fbq` call, as the stub reports it to `POST /meta/collect`. The collector keeps
 * only known fields with the right types and bounded sizes, so a page cannot grow the records
 * with arbitrary data; identity never arrives (advanced-matching keys come as hashed/plain
 * only, and plain email- or phone-looking values in properties are redacted here as well).
 */

/** sent: would reach Meta; held: consent revoked (released on grant); dropped: never sent; recorded: not an event. */
export type MetaPixelStatus = 'sent' | 'held' | 'dropped' | 'recorded';
export type MetaPixelConsent = 'default' | 'revoked' | 'granted';
export type MetaIdentityKind = 'hashed' | 'plain';

export interface MetaPixelCall {
  seq: number;
  /** Arrival at the stand-in, ms since the epoch. */
  at: number;
  /** Browser clock when the call was made. */
  time: number;
  /** Unique per call in a page; a held call released on grant keeps its callId. */
  callId: string;
  pixelId: string | null;
  /** init, track, trackCustom, trackSingle, trackSingleCustom, consent, dataProcessingOptions, set, … */
  method: string;
  event: string | null;
  /** From the 4th argument, `{ eventID }`. */
  eventId: string | null;
  /** Sent as a custom event (trackCustom / trackSingleCustom). */
  custom: boolean;
  properties: Record<string, unknown> | null;
  /** The options argument (4th of track) or the call's arguments for non-events. */
  options: Record<string, unknown> | null;
  status: MetaPixelStatus;
  /** True when a held call was released by `fbq('consent', 'grant')`. */
  released: boolean;
  /** Why a call was dropped: `no_pixel` (no init before it), `unknown_pixel` (trackSingle to an id never inited), `unload` (still held when the page went away). */
  reason: string | null;
  consent: MetaPixelConsent;
  /** From `fbq('dataProcessingOptions', …)`; null when never called. */
  limitedDataUse: boolean | null;
  lduCountry: number | null;
  lduState: number | null;
  fbp: string | null;
  fbc: string | null;
  /** Advanced-matching keys passed to init (never the values). */
  advancedMatching: Record<string, MetaIdentityKind>;
  /** A page mistake the real pixel would only log to the console, e.g. `event_id_spelling`, `non_standard_event`. */
  warning: string | null;
  url: string;
  referrer: string;
  userAgent: boolean;
}

const STATUSES = new Set<MetaPixelStatus>(['sent', 'held', 'dropped', 'recorded']);
const CONSENTS = new Set<MetaPixelConsent>(['default', 'revoked', 'granted']);
const MAX_STRING = 2048;
const HEX64 = /^[0-9a-f]{64}$/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const IDENTITY_KEY = /^(em|ph|fn|ln|email|e-?mail|phone|phone_number|first_?name|last_?name)$/i;

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value.slice(0, MAX_STRING) : fallback);
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value.slice(0, MAX_STRING) : null);
const intOrNull = (value: unknown): number | null => (Number.isInteger(value) ? (value as number) : null);

function mapping(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A JSON value cut to a bounded size, with identity-looking strings redacted. */
function bounded(value: unknown, key: string, depth: number): unknown {
  if (typeof value === 'string') {
    if ((IDENTITY_KEY.test(key) && !HEX64.test(value)) || EMAIL.test(value)) return '[redacted]';
    return value.slice(0, MAX_STRING);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if (depth >= 4 || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => bounded(item, key, depth + 1)).filter((item) => item !== undefined);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).slice(0, 50)) {
    const v = bounded((value as Record<string, unknown>)[k], k, depth + 1);
    if (v !== undefined) out[k.slice(0, 64)] = v;
  }
  return out;
}

const boundedMapping = (value: unknown): Record<string, unknown> | null => (mapping(value) ? (bounded(value, '', 0) as Record<string, unknown>) : null);

/** Turns a posted body into a MetaPixelCall, or returns an error message naming the field. */
export function toMetaPixelCall(body: unknown, seq: number, at: number, userAgent: boolean): MetaPixelCall | string {
  const b = mapping(body);
  if (!b) return 'body: expected a JSON object';
  if (typeof b.method !== 'string' || !/^[A-Za-z]{1,40}$/.test(b.method)) return 'method: expected an fbq method name';
  if (!STATUSES.has(b.status as MetaPixelStatus)) return 'status: expected sent, held, dropped or recorded';
  if (b.consent !== undefined && !CONSENTS.has(b.consent as MetaPixelConsent)) return 'consent: expected default, revoked or granted';
  const advancedMatching: Record<string, MetaIdentityKind> = {};
  const am = mapping(b.advancedMatching);
  if (am) {
    for (const key of Object.keys(am).slice(0, 20)) {
      if ((am[key] === 'hashed' || am[key] === 'plain') && /^[a-z_]{1,32}$/.test(key)) advancedMatching[key] = am[key] as MetaIdentityKind;
    }
  }
  const reason = strOrNull(b.reason);
  const warning = strOrNull(b.warning);
  return {
    seq, at,
    time: typeof b.time === 'number' && Number.isFinite(b.time) ? b.time : at,
    callId: str(b.callId, `srv-${seq}`).slice(0, 64),
    pixelId: strOrNull(b.pixelId)?.slice(0, 64) ?? null,
    method: b.method,
    event: strOrNull(b.event)?.slice(0, 256) ?? null,
    eventId: strOrNull(b.eventId)?.slice(0, 256) ?? null,
    custom: b.custom === true,
    properties: boundedMapping(b.properties),
    options: boundedMapping(b.options),
    status: b.status as MetaPixelStatus,
    released: b.released === true,
    reason: reason && /^[a-z_]{1,40}$/.test(reason) ? reason : null,
    consent: (b.consent as MetaPixelConsent | undefined) ?? 'default',
    limitedDataUse: typeof b.limitedDataUse === 'boolean' ? b.limitedDataUse : null,
    lduCountry: intOrNull(b.lduCountry),
    lduState: intOrNull(b.lduState),
    fbp: strOrNull(b.fbp)?.slice(0, 256) ?? null,
    fbc: strOrNull(b.fbc)?.slice(0, 512) ?? null,
    advancedMatching,
    warning: warning && /^[a-z_]{1,40}$/.test(warning) ? warning : null,
    url: str(b.url),
    referrer: str(b.referrer),
    userAgent,
  };
}
