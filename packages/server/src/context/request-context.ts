/**
 * Reads the twin's request context from a Node IncomingMessage or a Fetch Request: the click
 * ids (TikTok's ttclid, Meta's fbclid → fbc, Google's gclid / gbraid / wbraid: landing URL
 * first, then the first-party cookies), the platform cookies (`_ttp`, `_fbp`), the client IP
 * and the user agent. X-Forwarded-For is believed only when the direct peer is a configured
 * trusted proxy; otherwise anyone could claim any IP. Every click id and cookie must pass core's
 * click-id rule (isClickId); anything else is dropped.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import {
  FBC_COOKIE, FBCLID_PARAM, FBP_COOKIE, GOOGLE_CLICK_PARAMS, TTCLID_COOKIE, TTCLID_PARAM, TTP_COOKIE,
  fbclidOf, formatFbc, googleClickCookie, isFbc,
} from '@pixelpair/core';
import { normalizeClickId, normalizeIp, normalizeOpaque } from '../normalize/context-values.js';

export interface RequestContext {
  ttclid?: string;
  ttp?: string;
  /** Meta's click cookie: `_fbc`, or built from a landing `fbclid` (a newer click replaces an older one). */
  fbc?: string;
  /** Meta's browser id cookie `_fbp`, verbatim. */
  fbp?: string;
  /** Google Ads click ids from the landing URL, else pixelpair's first-party cookies. */
  gclid?: string;
  gbraid?: string;
  wbraid?: string;
  ip?: string;
  userAgent?: string;
}

export interface RequestContextOptions {
  /** IPs or CIDR ranges (`10.0.0.0/8`, `::1`) of your proxies / load balancers. */
  trustedProxies?: readonly string[];
  /** The peer address for a Fetch Request (it has no socket); toNodeHandler fills it in. */
  remoteAddress?: string;
  /** Clock (ms) for a new `_fbc`'s creation time. Default Date.now. */
  now?: () => number;
}

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

export function trustedProxyList(entries: readonly string[] = []): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.trim().split('/');
    const ip = address ? normalizeIp(address) : null;
    const type = ip && isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (!ip) throw new Error(`pixelpair: trusted proxy "${entry}" is not an IP address or CIDR range`);
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(prefix), type);
  }
  return list;
}

function isTrusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/** Walks X-Forwarded-For from the nearest hop outwards, skipping trusted proxies. */
export function clientIp(peer: string | undefined, forwardedFor: string | undefined, proxies: BlockList): string | undefined {
  const direct = peer ? normalizeIp(peer) ?? undefined : undefined;
  if (!direct || !forwardedFor || !isTrusted(proxies, direct)) return direct;
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean).reverse();
  let candidate: string = direct;
  for (const hop of hops) {
    const ip = normalizeIp(hop);
    if (!ip) return undefined; // a garbled chain: better no IP than a proxy's
    candidate = ip;
    if (!isTrusted(proxies, ip)) return ip;
  }
  return candidate;
}

function isFetchRequest(req: IncomingMessage | Request): req is Request {
  return typeof (req as Request).headers?.get === 'function';
}

const listCache = new WeakMap<readonly string[], BlockList>();
function proxiesFor(entries: readonly string[] | undefined): BlockList {
  if (!entries) return new BlockList();
  let list = listCache.get(entries);
  if (!list) listCache.set(entries, (list = trustedProxyList(entries)));
  return list;
}

export function readRequestContext(req: IncomingMessage | Request, options: RequestContextOptions = {}): RequestContext {
  let header: (name: string) => string | undefined;
  let url: string | undefined;
  let peer: string | undefined;
  if (isFetchRequest(req)) {
    header = (name) => req.headers.get(name) ?? undefined;
    url = req.url;
    peer = options.remoteAddress;
  } else {
    header = (name) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    url = req.url ? `http://localhost${req.url.startsWith('/') ? '' : '/'}${req.url}` : undefined;
    peer = options.remoteAddress ?? req.socket?.remoteAddress;
  }
  const cookies = parseCookies(header('cookie'));
  let params: URLSearchParams | undefined;
  try {
    params = url ? new URL(url).searchParams : undefined;
  } catch {
    params = undefined;
  }
  const param = (name: string) => normalizeClickId(params?.get(name) ?? '');
  const cookie = (name: string) => normalizeClickId(cookies[name] ?? '');
  const ctx: RequestContext = {};
  const set = <K extends keyof RequestContext>(key: K, value: string | null | undefined) => {
    if (value) ctx[key] = value;
  };
  // Click ids follow core's one rule: a junk value in the URL or a cookie is dropped, never stored or re-set.
  set('ttclid', param(TTCLID_PARAM) ?? cookie(TTCLID_COOKIE));
  set('ttp', cookie(TTP_COOKIE));
  set('fbc', metaClickCookie(param(FBCLID_PARAM), cookie(FBC_COOKIE), options.now ?? Date.now));
  set('fbp', cookie(FBP_COOKIE));
  for (const name of GOOGLE_CLICK_PARAMS) set(name, param(name) ?? cookie(googleClickCookie(name)));
  set('ip', clientIp(peer, header('x-forwarded-for'), proxiesFor(options.trustedProxies)));
  set('userAgent', normalizeOpaque(header('user-agent') ?? ''));
  return ctx;
}

/**
 * Meta's `fbc` (destinations.md A8): the `_fbc` cookie when its click is the landing URL's
 * (its creation time kept), else a new `fb.1.<ms>.<fbclid>` for the newer click; with no
 * fbclid on the URL, the cookie as it is. The fbclid is case-sensitive and kept verbatim.
 */
export function metaClickCookie(fbclid: string | null, fbc: string | null, now: () => number): string | undefined {
  const existing = fbc && isFbc(fbc) ? fbc : undefined;
  if (!fbclid) return existing;
  if (existing && fbclidOf(existing) === fbclid) return existing;
  return formatFbc(fbclid, now());
}
