/**
 * Reads the twin's request context from a Node IncomingMessage or a Fetch Request: the
 * ttclid (landing URL first, then the `ttclid` cookie), the `_ttp` cookie, the client IP and
 * the user agent. X-Forwarded-For is believed only when the direct peer is a configured
 * trusted proxy; otherwise anyone could claim any IP. ttclid and `_ttp` must pass core's
 * click-id rule (isClickId); anything else is dropped.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { TTCLID_COOKIE, TTCLID_PARAM, TTP_COOKIE } from '@pixelpair/core';
import { normalizeClickId, normalizeIp, normalizeOpaque } from '../normalize/context-values.js';

export interface RequestContext {
  ttclid?: string;
  ttp?: string;
  ip?: string;
  userAgent?: string;
}

export interface RequestContextOptions {
  /** IPs or CIDR ranges (`10.0.0.0/8`, `::1`) of your proxies / load balancers. */
  trustedProxies?: readonly string[];
  /** The peer address for a Fetch Request (it has no socket); toNodeHandler fills it in. */
  remoteAddress?: string;
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
  let fromUrl: string | undefined;
  try {
    fromUrl = url ? new URL(url).searchParams.get(TTCLID_PARAM) ?? undefined : undefined;
  } catch {
    fromUrl = undefined;
  }
  const ctx: RequestContext = {};
  // Click ids follow core's one rule: a junk value in the URL or a cookie is dropped, never stored or re-set.
  const ttclid = normalizeClickId(fromUrl ?? '') ?? normalizeClickId(cookies[TTCLID_COOKIE] ?? '');
  const ttp = normalizeClickId(cookies[TTP_COOKIE] ?? '');
  const ip = clientIp(peer, header('x-forwarded-for'), proxiesFor(options.trustedProxies));
  const userAgent = normalizeOpaque(header('user-agent') ?? '');
  if (ttclid) ctx.ttclid = ttclid;
  if (ttp) ctx.ttp = ttp;
  if (ip) ctx.ip = ip;
  if (userAgent) ctx.userAgent = userAgent;
  return ctx;
}
