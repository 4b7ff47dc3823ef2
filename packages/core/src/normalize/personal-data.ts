/**
 * "Does this text carry an email address or a phone number?", asked of anything that would
 * leave unhashed (property values, ids, keys, URLs): personal data only ever leaves hashed,
 * under `user`. Both checks are single linear scans, safe on any input length.
 *
 * A phone number is recognised the way people type one: digits with phone punctuation
 * (space . - ( ) /), 7–15 digits, and either a leading `+` or a space or bracket between
 * the groups. Bare digit runs (`4915112345678`) and digit-dash ids (`2026-11-25`,
 * `0000123456`) are not flagged: they are indistinguishable from order numbers and dates.
 */

const SPACE = /\s/;
const isSpace = (c: string): boolean => SPACE.test(c);

/** True when `text` contains an address-shaped token (`x@y.z`) anywhere. */
export function looksLikeEmail(text: string): boolean {
  if (typeof text !== 'string') return false;
  let at = text.indexOf('@');
  while (at >= 0) {
    const before = text[at - 1];
    let end = at + 1;
    let dot = -1;
    // the domain part runs to the next space or '@'; each run is scanned once
    while (end < text.length && text[end] !== '@' && !isSpace(text[end]!)) {
      if (text[end] === '.' && end > at + 1 && dot < 0) dot = end;
      end++;
    }
    if (before !== undefined && before !== '@' && !isSpace(before) && dot > 0 && dot < end - 1) return true;
    at = end < text.length && text[end] === '@' ? end : text.indexOf('@', end);
  }
  return false;
}

const MAX_PHONE_TEXT = 32;

/** True when the whole of `text` (trimmed) is written like a phone number. */
export function looksLikePhone(text: string): boolean {
  if (typeof text !== 'string' || text.length > MAX_PHONE_TEXT * 4) return false;
  const value = text.trim();
  if (value.length > MAX_PHONE_TEXT) return false;
  let digits = 0;
  let grouped = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c >= '0' && c <= '9') digits++;
    else if (c === '+' && (i === 0 || (i === 1 && value[0] === '('))) grouped = true;
    else if (c === ' ' || c === '(' || c === ')') grouped = true;
    else if (c !== '-' && c !== '.' && c !== '/') return false;
  }
  return grouped && digits >= 7 && digits <= 15;
}

const PHONE_CHAR = /[\d ().\/-]/;

/** A `+`-led international number inside running text ("call +49 151 1234567"). */
function containsInternationalPhone(text: string): boolean {
  let plus = text.indexOf('+');
  while (plus >= 0) {
    let end = plus + 1;
    while (end < text.length && PHONE_CHAR.test(text[end]!)) end++;
    if (end - plus <= MAX_PHONE_TEXT && looksLikePhone(text.slice(plus, end))) return true;
    plus = text.indexOf('+', end);
  }
  return false;
}

/**
 * An email address anywhere in the text, the whole text written like a phone number, or a
 * `+`-led international number inside it. (A national number inside running text is not
 * looked for: "12 items 3 sizes 2026" would look like one.)
 */
export function looksLikePersonalData(text: string): boolean {
  return typeof text === 'string' && (looksLikeEmail(text) || looksLikePhone(text) || containsInternationalPhone(text));
}
