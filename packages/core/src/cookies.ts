/**
 * Names and lifetimes both twins agree on: the browser writes the ttclid cookie, the server
 * re-sets it with Set-Cookie so it outlives Safari's 7-day cap on script-set cookies.
 */
export const TTCLID_PARAM = 'ttclid';
/** Same name TikTok's own server-side GTM tag uses, so an existing cookie is picked up. */
export const TTCLID_COOKIE = 'ttclid';
/** TikTok's first-party browser id cookie, read verbatim and never invented. */
export const TTP_COOKIE = '_ttp';
export const DEFAULT_TTCLID_DAYS = 30;
/** TikTok's own cookies live 13 months after their last use. */
export const TTP_DAYS = 395;

/** Meta's click id on the landing URL; case-sensitive, kept verbatim. */
export const FBCLID_PARAM = 'fbclid';
/** Meta's first-party cookies: `_fbc` (click, `fb.1.<ms>.<fbclid>`) and `_fbp` (browser id, set by Meta's pixel). */
export const FBC_COOKIE = '_fbc';
export const FBP_COOKIE = '_fbp';
/** Meta's parameter builder keeps both for 90 days. */
export const FBC_DAYS = 90;

/** Google Ads click ids on the landing URL: gclid (auto-tagging), gbraid (app) and wbraid (web) for iOS 14+ traffic. */
export const GOOGLE_CLICK_PARAMS = ['gclid', 'gbraid', 'wbraid'] as const;
export type GoogleClickParam = (typeof GOOGLE_CLICK_PARAMS)[number];
/**
 * pixelpair keeps them in its own first-party cookies (`_pp_gclid`…) rather than parsing the
 * Google tag's undocumented `_gcl_aw`; 90 days, the longest click-through window seen.
 */
export const googleClickCookie = (param: GoogleClickParam): string => `_pp_${param}`;
export const GOOGLE_CLICK_DAYS = 90;
