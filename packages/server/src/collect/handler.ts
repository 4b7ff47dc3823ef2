/**
 * createCollectHandler: the endpoint the browser twin hands events to (fetch/sendBeacon JSON
 * or a classic form carrying core's `pp_context` field, CONTEXT_FIELD). Framework-neutral: Fetch Request → Response.
 * Checks, in order: method, origin allow-list, rate limit, body size, schema. Values of
 * purchase events never come from the browser: they are stripped and, if you give
 * `purchaseValues`, replaced with the numbers from your own records.
 */
import { contextFromFields, sameAction, type Handoff } from '@pixelpair/core';
import { persistentCookieHeaders, type CookieOptions } from '../context/cookies.js';
import { readRequestContext, type RequestContext } from '../context/request-context.js';
import { silentLogger, type Logger } from '../delivery/logger.js';
import { zodIssues } from '../envelope/issues.js';
import type { Issue } from '../types.js';
import { handoffSchema } from './handoff-schema.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { readLimited } from './read-body.js';

export interface CollectContext extends RequestContext {
  /** Form posts only: every field, for the app to read (e.g. the email of a lead form). */
  fields?: Record<string, string>;
  /** Purchase-value keys removed from the browser's properties. */
  strippedKeys?: string[];
}

export type PurchaseValues = Record<string, unknown>;

export interface CollectOptions {
  onEvent(handoff: Handoff, ctx: CollectContext): void | Promise<void>;
  /** Origins allowed to post; '*' for any. Default: same origin as the request URL only. */
  allowedOrigins?: readonly string[] | '*';
  /** Default 16 KiB. */
  maxBodyBytes?: number;
  /** Per client IP (on Fetch runtimes pass `{ remoteAddress }` as the handler's 2nd argument). Default 60 requests / minute; false to turn off. */
  rateLimit?: RateLimitOptions | false;
  trustedProxies?: readonly string[];
  /** Look up value/currency/contents of a purchase in your records (by eventId, order id…). */
  purchaseValues?: (handoff: Handoff, ctx: CollectContext) => PurchaseValues | undefined | Promise<PurchaseValues | undefined>;
  /** Re-set ttclid / mirror _ttp with Set-Cookie. Default on; false to turn off. */
  cookies?: CookieOptions | false;
  /** Form posts: where the event and event id come from. Default fields `pp_event` and `pp_event_id`. */
  formEvent?: (fields: Record<string, string>) => { event: string; eventId: string } | undefined;
  logger?: Logger;
}

export interface CollectRequestInfo {
  remoteAddress?: string;
}

export type CollectHandler = (request: Request, info?: CollectRequestInfo) => Promise<Response>;

/** Keys a browser could use to inflate revenue: never trusted for a purchase. */
export const PURCHASE_VALUE_KEYS = ['value', 'currency', 'contents', 'contentIds', 'content_ids', 'numItems', 'num_items', 'price'];

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
    return new URL(request.url).origin === origin;
  } catch {
    return false;
  }
}

async function parseBody(request: Request, body: { bytes: Buffer; text: string }, options: CollectOptions): Promise<{ value?: unknown; fields?: Record<string, string>; error?: Issue }> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    const fields: Record<string, string> = {};
    const form = type === 'multipart/form-data' ? await new Response(body.bytes, { headers: { 'content-type': request.headers.get('content-type')! } }).formData() : new URLSearchParams(body.text);
    form.forEach((v, k) => {
      if (typeof v === 'string' && !(k in fields)) fields[k] = v;
    });
    const named = options.formEvent ? options.formEvent(fields) : fields.pp_event && fields.pp_event_id ? { event: fields.pp_event, eventId: fields.pp_event_id } : undefined;
    if (!named) return { error: { path: 'pp_event', message: 'form posts need the event name and event id fields' } };
    return { value: { ...named, context: contextFromFields(fields) }, fields };
  }
  try {
    return { value: JSON.parse(body.text) };
  } catch {
    return { error: { path: '', message: 'body is not valid JSON' } };
  }
}

export function createCollectHandler(options: CollectOptions): CollectHandler {
  if (typeof options?.onEvent !== 'function') throw new Error('pixelpair: createCollectHandler needs an onEvent callback');
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit);
  const maxBytes = options.maxBodyBytes ?? 16 * 1024;
  const logger = options.logger ?? silentLogger;

  return async (request, info = {}) => {
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
    const wait = reqCtx.ip ? (limiter?.hit(reqCtx.ip) ?? 0) : 0;
    if (wait > 0) {
      headers.set('retry-after', String(Math.ceil(wait / 1000)));
      return fail(429, [{ path: '', message: 'too many requests' }], headers);
    }
    const body = await readLimited(request, maxBytes);
    if (!body.ok) return fail(413, [{ path: '', message: `body larger than ${maxBytes} bytes` }], headers);
    const parsed = await parseBody(request, body, options);
    if (parsed.error) return fail(400, [parsed.error], headers);
    const checked = handoffSchema.safeParse(parsed.value);
    if (!checked.success) return fail(400, zodIssues(checked.error), headers);

    const handoff = checked.data as Handoff;
    const ctx: CollectContext = { ...reqCtx, ...(parsed.fields ? { fields: parsed.fields } : {}) };
    if (handoff.context.ttclid) ctx.ttclid = handoff.context.ttclid;
    if (handoff.context.ttp) ctx.ttp = handoff.context.ttp;
    try {
      if (sameAction(handoff.event, 'Purchase')) {
        const props = { ...(handoff.properties ?? {}) };
        ctx.strippedKeys = PURCHASE_VALUE_KEYS.filter((k) => k in props);
        for (const k of ctx.strippedKeys) delete props[k];
        const trusted = options.purchaseValues ? await options.purchaseValues(handoff, ctx) : undefined;
        handoff.properties = { ...props, ...(trusted ?? {}) };
      }
      await options.onEvent(handoff, ctx);
    } catch (error) {
      logger.error({ event_id: handoff.eventId, event: handoff.event, error: (error as Error)?.name ?? 'Error' }, 'collect onEvent failed');
      return fail(500, [{ path: '', message: 'internal error' }], headers);
    }
    if (options.cookies !== false) for (const c of persistentCookieHeaders(ctx, options.cookies || {})) headers.append('set-cookie', c);
    return json(202, { ok: true, eventId: handoff.eventId }, headers);
  };
}
