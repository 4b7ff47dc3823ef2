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
