/**
 * The demo server's own `ttclid` cookie. Set by the server (not by script) it outlives
 * Safari's 7-day cap on script-written cookies, but writing a marketing click id on the
 * device needs storage consent: the server writes or refreshes it only when the visitor's
 * stored banner choice grants it, writes nothing before a choice, and removes one it finds
 * after a denial. The click id may still be kept server-side on the cart; the server copy's
 * use of it stays governed by the server twin's consent policy.
 */
import { TTCLID_COOKIE, TTCLID_PARAM } from '@pixelpair/core';
import { persistentCookieHeaders } from '@pixelpair/server';
import { grantsClickIdStorage } from './consent-choice.js';
import type { ConsentChoice } from './consent-choice.js';

/** The browser tag's rule for a click id worth keeping: bounded, no whitespace or cookie separators. */
const CLICK_ID = /^[^\s;,"\\]{1,500}$/;

export function isClickId(value: string | undefined): value is string {
  return value !== undefined && CLICK_ID.test(value);
}

/** The `ttclid` of a landing URL (absolute or a request path), if it has a usable one. */
export function clickIdFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const found = new URL(url, 'http://store.invalid').searchParams.get(TTCLID_PARAM) ?? undefined;
    return isClickId(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

export interface ClickIdCookieInput {
  /** The visitor's stored banner choice; undefined before they answered. */
  choice: ConsentChoice | undefined;
  /** The click id to keep, when this request knows one (a landing URL, the banner's page). */
  clickId?: string | undefined;
  /** The request already carries a `ttclid` cookie. */
  cookieSent: boolean;
  secure: boolean;
}

/** `Set-Cookie` values for the click id: set when storage is granted, removed after a denial, nothing otherwise. */
export function clickIdCookies(input: ClickIdCookieInput): string[] {
  if (!input.choice) return [];
  if (!grantsClickIdStorage(input.choice)) {
    return input.cookieSent ? [`${TTCLID_COOKIE}=; Max-Age=0; Path=/${input.secure ? '; Secure' : ''}; SameSite=Lax`] : [];
  }
  return isClickId(input.clickId) ? persistentCookieHeaders({ ttclid: input.clickId }, { secure: input.secure }) : [];
}
