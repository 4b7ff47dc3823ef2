/**
 * createCollectHandler: the endpoint the browser twin hands events to (fetch/sendBeacon JSON
 * or a classic form carrying core's `pp_context` field, CONTEXT_FIELD). Framework-neutral: Fetch Request → Response.
 * Checks, in order: method, origin allow-list, rate limit, content type, body size, body
 * syntax, schema. Values of purchase events never come from the browser: they are stripped
 * and, if you give `purchaseValues`, replaced with the numbers from your own records.
 *
 * Every request gets one of the documented JSON answers, whatever its body: 202 taken,
 * 200 ignored (the app said why), 400/403/405/413/415/429 `{ ok: false, errors }`, or 500
 * when the app's own callback failed. The returned promise never rejects.
 */
import { looksLikePersonalData, sameAction, type Handoff } from '@pixelpair/core';
import type { ConsentPolicyOptions } from '../consent-policy.js';
import { persistentCookieHeaders, type CookieOptions } from '../context/cookies.js';
import { readRequestContext, trustedProxyList, type RequestContext } from '../context/request-context.js';
import { silentLogger, type Logger } from '../delivery/logger.js';
import { zodIssues } from '../envelope/issues.js';
import type { Issue } from '../types.js';
import { clickIdCookies } from './cookie-consent.js';
import { createHandoffSchema, type HandoffLimits } from './handoff-schema.js';
import { bodyKind, parseBody, type FormEvent } from './parse-body.js';
import { createRateLimiter, rateLimitKey, type RateLimitOptions } from './rate-limit.js';
import { readLimited } from './read-body.js';

export interface CollectContext extends RequestContext {
  /** Form posts only: every field, for the app to read (e.g. the email of a lead form). */
  fields?: Record<string, string>;
  /** Purchase-value keys removed from the browser's properties. */
  strippedKeys?: string[];
}

export type PurchaseValues = Record<string, unknown>;

/**
 * What `onEvent` answers: nothing when it took the event (202 `{ ok: true, eventId }`), or
 * `{ ignored: reason }` when it deliberately did not use it (a forged purchase, a lead that
 * must come from the form handler…): 200 `{ ok: true, eventId, ignored: reason }`, no cookies.
 */
export type CollectOutcome = void | undefined | { ignored: string };

export interface CollectOptions {
  onEvent(handoff: Handoff, ctx: CollectContext): CollectOutcome | Promise<CollectOutcome>;
  /** Origins allowed to post; '*' for any. Default: same origin only (the request URL's, or the Host header's). */
  allowedOrigins?: readonly string[] | '*';
  /** Default 16 KiB. */
  maxBodyBytes?: number;
  /** Per client IP (on Fetch runtimes pass `{ remoteAddress }` as the handler's 2nd argument). Default 60 requests / minute; false to turn off. */
  rateLimit?: RateLimitOptions | false;
  trustedProxies?: readonly string[];
  /** Look up value/currency/contents of a purchase in your records (by eventId, order id…). */
  purchaseValues?: (handoff: Handoff, ctx: CollectContext) => PurchaseValues | undefined | Promise<PurchaseValues | undefined>;
  /** Re-set the click ids (ttclid, _fbc, Google's) and mirror `_ttp` / `_fbp` with Set-Cookie when consent allows storage. Default on; false to turn off. */
  cookies?: CookieOptions | false;
  /** The consent policy the cookie rule reads (opt-in regions…): pass the same options as to the twin. */
  consent?: ConsentPolicyOptions;
  /** Maxima for what a browser may claim (HANDOFF_LIMITS: amounts 1e9, quantities 10,000, 100 items, 50 properties). */
  limits?: Partial<HandoffLimits>;
  /** Form posts: where the event and event id come from. Default fields `pp_event` and `pp_event_id`. */
  formEvent?: FormEvent;
  logger?: Logger;
}

export interface CollectRequestInfo {
  remoteAddress?: string;
}

export type CollectHandler = (request: Request, info?: CollectRequestInfo) => Promise<Response>;

/** Keys a browser could use to inflate revenue: never trusted for a purchase. */
export const PURCHASE_VALUE_KEYS = ['value', 'currency', 'contents', 'contentIds', 'content_ids', 'numItems', 'num_items', 'price'];

const MAX_IGNORED_REASON = 200;

function json(status: number, body: unknown, headers: Headers = new Headers()): Response {
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers });
}

function fail(status: number, errors: Issue[], headers?: Headers): Response {
  return json(status, { ok: false, errors }, headers);
}

function originAllowed(origin: string | null, request: Request, allowed: CollectOptions['allowedOrigins']): boolean {
  if (!origin) return request.headers.get('sec-fetch-site') !== 'cross-site';
  if (allowed === '*') return true;
  if (allowed) return allowed.includes(origin);
  try {
    if (new URL(request.url).origin === origin) return true;
    // Frameworks that rebuild request.url on localhost (Next.js route handlers) still pass the
    // Host the browser connected to; a cross-site page cannot make its Origin match it.
    const host = request.headers.get('host');
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The app's reason, bounded; a reason that carries personal data is not sent to the browser. */
function ignoredReason(outcome: unknown): string | undefined {
  if (!outcome || typeof outcome !== 'object' || !('ignored' in outcome)) return undefined;
  const reason = (outcome as { ignored: unknown }).ignored;
  const text = typeof reason === 'string' ? reason.trim().slice(0, MAX_IGNORED_REASON) : '';
  return text && !looksLikePersonalData(text) ? text : 'ignored by the app';
}

export function createCollectHandler(options: CollectOptions): CollectHandler {
  if (typeof options?.onEvent !== 'function') throw new Error('pixelpair: createCollectHandler needs an onEvent callback');
  // Misconfiguration is refused at start, not on the first request.
  trustedProxyList(options.trustedProxies ?? []);
  if (options.cookies) persistentCookieHeaders({}, options.cookies);
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit);
  const maxBytes = options.maxBodyBytes ?? 16 * 1024;
  const logger = options.logger ?? silentLogger;
  const schema = createHandoffSchema(options.limits);

  async function handle(request: Request, info: CollectRequestInfo): Promise<Response> {
    const origin = request.headers.get('origin');
    const headers = new Headers({ vary: 'Origin' });
    if (!originAllowed(origin, request, options.allowedOrigins)) return fail(403, [{ path: '', message: 'origin not allowed' }], headers);
    if (origin) {
      headers.set('access-control-allow-origin', origin);
      headers.set('access-control-allow-credentials', 'true');
    }
    if (request.method === 'OPTIONS') {
      headers.set('access-control-allow-methods', 'POST');
      headers.set('access-control-allow-headers', 'content-type');
      return new Response(null, { status: 204, headers });
    }
    if (request.method !== 'POST') {
      headers.set('allow', 'POST, OPTIONS');
      return fail(405, [{ path: '', message: 'use POST' }], headers);
    }
    const reqCtx = readRequestContext(request, { trustedProxies: options.trustedProxies, remoteAddress: info.remoteAddress });
    // Without a client IP (a Fetch runtime that was not given remoteAddress) there is no fair
    // key: one shared bucket would throttle every visitor, so no limit is applied.
    const wait = reqCtx.ip ? (limiter?.hit(rateLimitKey(reqCtx.ip)) ?? 0) : 0;
    if (wait > 0) {
      headers.set('retry-after', String(Math.ceil(wait / 1000)));
      return fail(429, [{ path: '', message: 'too many requests' }], headers);
    }
    const kind = bodyKind(request.headers.get('content-type'));
    if (!kind) return fail(415, [{ path: '', message: 'send JSON (application/json or text/plain) or a form (application/x-www-form-urlencoded, multipart/form-data)' }], headers);
    const body = await readLimited(request, maxBytes);
    if (!body.ok) return 'tooLarge' in body ? fail(413, [{ path: '', message: `body larger than ${maxBytes} bytes` }], headers) : fail(400, [{ path: '', message: 'body could not be read' }], headers);
    const parsed = await parseBody(kind, request, body, options.formEvent);
    if ('error' in parsed) return fail(400, [parsed.error], headers);
    const checked = schema.safeParse(parsed.value);
    if (!checked.success) return fail(400, zodIssues(checked.error), headers);

    const handoff = checked.data as Handoff;
    const ctx: CollectContext = { ...reqCtx, ...(parsed.fields ? { fields: parsed.fields } : {}) };
    // The browser's own reading wins over the request's (it saw the landing URL and the cookies the pixels set).
    for (const key of ['ttclid', 'ttp', 'fbc', 'fbp', 'gclid', 'gbraid', 'wbraid'] as const) {
      const value = handoff.context[key];
      if (value) ctx[key] = value;
    }
    let ignored: string | undefined;
    try {
      if (sameAction(handoff.event, 'Purchase')) {
        const props = { ...(handoff.properties ?? {}) };
        ctx.strippedKeys = PURCHASE_VALUE_KEYS.filter((k) => k in props);
        for (const k of ctx.strippedKeys) delete props[k];
        const trusted = options.purchaseValues ? await options.purchaseValues(handoff, ctx) : undefined;
        handoff.properties = { ...props, ...(trusted ?? {}) };
      }
      ignored = ignoredReason(await options.onEvent(handoff, ctx));
    } catch (error) {
      logger.error({ event_id: handoff.eventId, event: handoff.event, error: (error as Error)?.name ?? 'Error' }, 'collect onEvent failed');
      return fail(500, [{ path: '', message: 'internal error' }], headers);
    }
    if (ignored !== undefined) return json(200, { ok: true, eventId: handoff.eventId, ignored }, headers);
    if (options.cookies !== false) {
      for (const c of clickIdCookies(handoff.context.consent, ctx, request.headers.get('cookie'), options.cookies || {}, options.consent)) headers.append('set-cookie', c);
    }
    return json(202, { ok: true, eventId: handoff.eventId }, headers);
  }

  return async (request, info = {}) => {
    try {
      return await handle(request, info);
    } catch (error) {
      // Whatever went wrong, the answer is still the documented JSON, and the promise resolves.
      logger.error({ error: (error as Error)?.name ?? 'Error' }, 'collect request failed');
      return fail(500, [{ path: '', message: 'internal error' }]);
    }
  };
}
