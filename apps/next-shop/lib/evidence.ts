/**
 * What a request shows about the shopper, in Next.js terms. Route handlers and server actions
 * get no socket, so the peer address comes from X-Forwarded-For: `next start` fills it with the
 * peer's address when the request has none, and a reverse proxy in front (nginx's
 * `$proxy_add_x_forwarded_for`, any load balancer) appends the address it saw. The last hop
 * is therefore the address of whoever connected to you or to your proxy. Without a proxy in
 * front a client can claim any address, so run one in production (the IP only sharpens
 * matching, it authorises nothing).
 */
import { CONTEXT_STRING_KEYS, contextFromFields, type CapturedContext } from '@pixelpair/core';
import { readRequestContext, type RequestContext } from '@pixelpair/server';
import { headers } from 'next/headers';
import type { Evidence } from './shop';

export function peerAddress(h: Headers): string | undefined {
  return h.get('x-forwarded-for')?.split(',').pop()?.trim() || undefined;
}

/** ttclid / _ttp cookies, IP and user agent of the request a server action is running for. */
export async function actionRequestContext(): Promise<RequestContext> {
  const h = new Headers(await headers());
  return readRequestContext(new Request('http://shop.invalid/', { headers: h }), { remoteAddress: peerAddress(h) });
}

/**
 * The browser's capture wins for what only the browser saw (the landing ttclid, platform
 * cookies, consent); the request supplies the IP, and fills gaps when the script was blocked.
 */
export function evidenceFrom(browser: CapturedContext | undefined, request: RequestContext): Evidence {
  const evidence: Evidence = {};
  for (const key of CONTEXT_STRING_KEYS) {
    const value = browser?.[key];
    if (value) evidence[key] = value;
  }
  if (!evidence.ttclid && request.ttclid) evidence.ttclid = request.ttclid;
  if (!evidence.ttp && request.ttp) evidence.ttp = request.ttp;
  if (!evidence.userAgent && request.userAgent) evidence.userAgent = request.userAgent;
  if (request.ip) evidence.ip = request.ip;
  if (browser?.page.url || browser?.page.referrer) evidence.page = { ...browser.page };
  if (browser?.consent) evidence.consent = browser.consent;
  return evidence;
}

/** The hidden `pp_context` field the browser's `addContextFields(form)` wrote, checked by core. */
export function browserContextFrom(form: FormData): CapturedContext | undefined {
  const fields = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
  return Object.keys(fields).some((k) => k.startsWith('pp_')) ? contextFromFields(fields) : undefined;
}
