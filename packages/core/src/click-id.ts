/**
 * One rule for every ad-platform click or browser id a twin stores or re-sets as a cookie:
 * ttclid, `_ttp`, and the other platforms' ids (fbclid/_fbp/_fbc, gclid/gbraid/wbraid). Real
 * ones are short runs of URL-safe ASCII, so the rule is narrow on purpose: 1–500 printable
 * ASCII characters without the cookie and header separators a forged value uses to break out
 * of a `Set-Cookie` line or a log field (space, CR/LF, NUL and other controls, `;` `,` `"`
 * `'` `` ` `` `\`), without `<` `>`, and never an email address or phone number.
 * The length is checked before the pattern runs.
 */
import { looksLikePhone } from './normalize/personal-data.js';

export const MAX_CLICK_ID_LENGTH = 500;

// ! # $ % & ( ) * + - . / 0-9 : = ? A-Z [ ] ^ _ a-z { | } ~
const CLICK_ID = /^[\x21\x23-\x26\x28-\x2b\x2d-\x3a\x3d\x3f\x41-\x5b\x5d-\x5f\x61-\x7e]+$/;

/** True when `value` may be kept, forwarded and written as a cookie. */
export function isClickId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_CLICK_ID_LENGTH && CLICK_ID.test(value) && !looksLikePhone(value);
}
