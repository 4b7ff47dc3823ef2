/**
 * The demo server's own click-id cookies: TikTok's `ttclid`, Meta's `_fbc` and Google's
 * `_pp_gclid` / `_pp_gbraid` / `_pp_wbraid`. Set by the server (not by script) they outlive
 * Safari's 7-day cap on script-written cookies, but writing a marketing click id on the device
 * needs storage consent: the server writes or refreshes them only when the visitor's stored
 * banner choice grants it, writes nothing before a choice, and removes the ones it finds after a
 * denial. The click ids may still be kept server-side on the cart; the server copies' use of
 * them stays governed by the server twin's consent policy.
 */
import { parseCookies, persistentCookieHeaders, readRequestContext } from '@pixelpair/server';
import type { CookieContext } from '@pixelpair/server';
import { grantsClickIdStorage } from './consent-choice.js';
import type { ConsentChoice } from './consent-choice.js';

export type ClickIds = Pick<CookieContext, 'ttclid' | 'fbc' | 'gclid' | 'gbraid' | 'wbraid'>;

const KEYS = ['ttclid', 'fbc', 'gclid', 'gbraid', 'wbraid'] as const;
/** The cookies those ids live in (Meta's `_fbc`, pixelpair's Google ones, TikTok's `ttclid`). */
const NAMES = ['ttclid', '_fbc', '_pp_gclid', '_pp_gbraid', '_pp_wbraid'];

/**
 * The click ids a landing URL (absolute or a request path) carries, read by the server package
 * (core's one click-id rule; Meta's `fbc` built from `fbclid`, keeping an `_fbc` of the same click).
 */
export function clickIdsFromUrl(url: string | undefined, cookieHeader?: string): ClickIds {
  if (!url) return {};
  let absolute: string;
  try {
    absolute = new URL(url, 'http://store.invalid').toString();
  } catch {
    return {};
  }
  // Only what the URL brought: ids from cookies alone are the browser's to keep, not ours to re-set here.
  const fromUrl = readRequestContext(new Request(absolute, { headers: cookieHeader ? { cookie: cookieHeader } : {} }));
  const params = new URL(absolute).searchParams;
  const ids: ClickIds = {};
  for (const key of KEYS) {
    const value = fromUrl[key];
    const param = key === 'fbc' ? 'fbclid' : key;
    if (value && params.has(param)) ids[key] = value;
  }
  return ids;
}

export interface ClickIdCookieInput {
  /** The visitor's stored banner choice; undefined before they answered. */
  choice: ConsentChoice | undefined;
  /** The click ids to keep, when this request knows some (a landing URL, the banner's page). */
  ids: ClickIds;
  /** The Cookie header the request carried (to remove ours after a denial). */
  cookieHeader: string | undefined;
  secure: boolean;
}

/** `Set-Cookie` values for the click ids: set when storage is granted, removed after a denial, nothing otherwise. */
export function clickIdCookies(input: ClickIdCookieInput): string[] {
  if (!input.choice) return [];
  if (!grantsClickIdStorage(input.choice)) {
    const held = Object.keys(parseCookies(input.cookieHeader));
    return NAMES.filter((name) => held.includes(name)).map((name) => `${name}=; Max-Age=0; Path=/${input.secure ? '; Secure' : ''}; SameSite=Lax`);
  }
  return persistentCookieHeaders(input.ids, { secure: input.secure });
}
