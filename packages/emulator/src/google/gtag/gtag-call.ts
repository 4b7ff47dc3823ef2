/**
 * One recorded `gtag()` call, as the gtag stub reports it to `POST /google/collect`. The
 * collector keeps only known fields with the right types and bounded strings, so a page
 * cannot grow the records with arbitrary data; identity values never arrive (the stub
 * sends only which user_data keys were set and whether they were hashed).
 */

/**
 * sent: the tag would send the hit with cookies; cookieless: ad_storage denied, so Google's
 * tag still pings, without cookies; held: waiting for a consent update (wait_for_update);
 * recorded: not a hit (config, consent, set, js); ignored: not a gtag command (an array or
 * a plain object pushed to dataLayer, which gtag.js does not run as a command).
 */
export type GtagStatus = 'sent' | 'cookieless' | 'held' | 'recorded' | 'ignored';
export type ConsentState = 'granted' | 'denied' | null;
export type IdentityKind = 'hashed' | 'plain';

export interface GtagConsent {
  ad_storage: ConsentState;
  ad_user_data: ConsentState;
  ad_personalization: ConsentState;
  analytics_storage: ConsentState;
}

export interface GtagCall {
  seq: number;
  /** Arrival at the stand-in, ms since the epoch. */
  at: number;
  /** Browser clock when the call was made. */
  time: number;
  /** Unique per call in a page; a held call released later keeps its callId. */
  callId: string;
  /** `config`, `event`, `consent`, `set`, `js`, `get`, or `push` / `ignored` for non-commands. */
  command: string;
  /** The AW-… id: config's target, or the part of send_to before the slash. */
  tagId: string | null;
  /** The event's send_to target (`AW-123/label`), one record per target. */
  sendTo: string | null;
  label: string | null;
  /** Event name (`conversion`, `purchase`…), the consent sub-command (`default` / `update`), or the set key. */
  event: string | null;
  /** True for a Google Ads conversion: event `conversion`, or any event sent to an AW-…/label. */
  conversion: boolean;
  /** `transaction_id` as a string, however it was passed. */
  transactionId: string | null;
  /** The JavaScript type `transaction_id` had: a number makes a different id than the server's string. */
  transactionIdType: 'string' | 'number' | 'other' | null;
  value: number | null;
  currency: string | null;
  /** Other event parameters (identity-looking keys redacted). */
  params: Record<string, unknown> | null;
  /** The consent state as the tag saw it when the call was made (or released). */
  consent: GtagConsent;
  /** For consent commands: the values this call set. */
  consentArgs: Record<string, string> | null;
  status: GtagStatus;
  /** True when a held call was released by a consent update or the wait timeout. */
  released: boolean;
  /** True when the target AW-… id was configured with `gtag('config', …)` before the call. */
  configured: boolean;
  /** user_data keys known when the call was made: which, and whether hashed (never the values). */
  identity: Record<string, IdentityKind>;
  /** Whether `_gcl_aw` was readable on the page (the stub writes it from a gclid while ad_storage allows). */
  gclAw: boolean;
  url: string;
  referrer: string;
  userAgent: boolean;
}

const STATUSES = new Set<GtagStatus>(['sent', 'cookieless', 'held', 'recorded', 'ignored']);
const CONSENT_KEYS = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage'] as const;
const MAX_STRING = 2048;
const MAX_PARAMS_CHARS = 8192;

function str(value: unknown, max = MAX_STRING): string | null {
  return typeof value === 'string' ? value.slice(0, max) : null;
}

function mapping(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function consentState(value: unknown): ConsentState {
  return value === 'granted' || value === 'denied' ? value : null;
}

/** Parameters: kept when small, with identity-looking keys removed a second time (the stub already redacts). */
function params(value: unknown): Record<string, unknown> | null {
  const p = mapping(value);
  if (!p) return null;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(p).slice(0, 50)) {
    out[key.slice(0, 64)] = /email|phone|user_data|address|first_name|last_name|given_name|family_name|sha256/i.test(key) && p[key] !== '[redacted]' ? '[redacted]' : p[key];
  }
  return JSON.stringify(out).length <= MAX_PARAMS_CHARS ? out : { truncated: true };
}

/** Turns a posted body into a GtagCall, or returns an error message naming the field. */
export function toGtagCall(body: unknown, seq: number, at: number, userAgent: boolean): GtagCall | string {
  const b = mapping(body);
  if (!b) return 'body: expected a JSON object';
  if (typeof b.command !== 'string' || !b.command) return 'command: expected a non-empty string';
  if (!STATUSES.has(b.status as GtagStatus)) return 'status: expected sent, cookieless, held, recorded or ignored';
  const rawConsent = mapping(b.consent) ?? {};
  const consent = Object.fromEntries(CONSENT_KEYS.map((k) => [k, consentState(rawConsent[k])])) as unknown as GtagConsent;
  const consentArgs: Record<string, string> = {};
  const rawArgs = mapping(b.consentArgs);
  if (rawArgs) for (const key of Object.keys(rawArgs).slice(0, 12)) { const v = str(rawArgs[key], 64); if (v !== null) consentArgs[key.slice(0, 64)] = v; }
  const identity: Record<string, IdentityKind> = {};
  const rawIdentity = mapping(b.identity);
  if (rawIdentity) for (const key of Object.keys(rawIdentity).slice(0, 20)) { if (rawIdentity[key] === 'hashed' || rawIdentity[key] === 'plain') identity[key.slice(0, 64)] = rawIdentity[key] as IdentityKind; }
  const type = b.transactionIdType;
  return {
    seq, at,
    time: typeof b.time === 'number' && Number.isFinite(b.time) ? b.time : at,
    callId: str(b.callId, 128) ?? `srv-${seq}`,
    command: b.command.slice(0, 32),
    tagId: str(b.tagId, 128),
    sendTo: str(b.sendTo, 256),
    label: str(b.label, 128),
    event: str(b.event, 128),
    conversion: b.conversion === true,
    transactionId: str(b.transactionId, 512),
    transactionIdType: type === 'string' || type === 'number' || type === 'other' ? type : null,
    value: typeof b.value === 'number' && Number.isFinite(b.value) ? b.value : null,
    currency: str(b.currency, 8),
    params: params(b.params),
    consent,
    consentArgs: rawArgs ? consentArgs : null,
    status: b.status as GtagStatus,
    released: b.released === true,
    configured: b.configured === true,
    identity,
    gclAw: b.gclAw === true,
    url: str(b.url) ?? '',
    referrer: str(b.referrer) ?? '',
    userAgent,
  };
}
