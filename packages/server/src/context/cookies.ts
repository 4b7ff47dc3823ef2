/**
 * Server-set cookies for the click id and TikTok's browser id. Safari caps cookies written by
 * script at 7 days (24 h with link decoration); a cookie set by the server in an HTTP
 * response is not capped, so re-setting ttclid (and mirroring `_ttp`) here keeps attribution
 * alive for the whole click window. Not HttpOnly: the browser twin reads them.
 */
import { DEFAULT_TTCLID_DAYS, TTCLID_COOKIE, TTP_COOKIE, TTP_DAYS } from '@pixelpair/core';
import type { RequestContext } from './request-context.js';

export interface CookieOptions {
  /** e.g. `.example.com` so every subdomain shares them. Default: host-only. */
  domain?: string;
  /** ttclid lifetime. Default 30 days (TikTok's own server tag). */
  days?: number;
  /** `_ttp` lifetime. Default 395 days (TikTok's 13 months). */
  ttpDays?: number;
  /** Default true; turn off only for plain-http local development. */
  secure?: boolean;
  sameSite?: 'Lax' | 'Strict' | 'None';
  path?: string;
}

const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;

function cookie(name: string, value: string, days: number, o: CookieOptions): string {
  const encoded = value === '' || COOKIE_VALUE.test(value) ? value : encodeURIComponent(value);
  const parts = [`${name}=${encoded}`, `Max-Age=${Math.round(days * 86400)}`, `Path=${o.path ?? '/'}`];
  if (o.domain) parts.push(`Domain=${o.domain}`);
  if (o.secure !== false) parts.push('Secure');
  parts.push(`SameSite=${o.sameSite ?? 'Lax'}`);
  return parts.join('; ');
}

/** `Set-Cookie` header values for what the context carries; empty when it carries neither id. */
export function persistentCookieHeaders(ctx: Pick<RequestContext, 'ttclid' | 'ttp'>, options: CookieOptions = {}): string[] {
  if (options.domain !== undefined && !/^\.?[a-z0-9.-]+$/i.test(options.domain)) throw new Error('pixelpair: cookie domain is not a host name');
  const headers: string[] = [];
  if (ctx.ttclid) headers.push(cookie(TTCLID_COOKIE, ctx.ttclid, options.days ?? DEFAULT_TTCLID_DAYS, options));
  if (ctx.ttp) headers.push(cookie(TTP_COOKIE, ctx.ttp, options.ttpDays ?? TTP_DAYS, options));
  return headers;
}

/**
 * `Set-Cookie` values that remove the click-id cookies among `present` (names the request
 * carried): sent when the visitor explicitly denied storage, so a click id written before the
 * decision does not outlive it. Same path/domain as persistentCookieHeaders, or the browser
 * would keep the original.
 */
export function expiredCookieHeaders(present: readonly string[], options: CookieOptions = {}): string[] {
  return [TTCLID_COOKIE, TTP_COOKIE].filter((name) => present.includes(name)).map((name) => cookie(name, '', 0, options));
}
