/**
 * Google's extra email rule (Data Manager formatting; destinations.md B6), applied on top of
 * the shared trim + lower-case: for gmail.com and googlemail.com only, drop everything from
 * the first `+` in the local part, then every `.` in it. Other domains keep dots and plus
 * (`user.name+nyc@example.com` stays as it is). Meta and TikTok do not apply it.
 */
const GOOGLE_MAIL = new Set(['gmail.com', 'googlemail.com']);

/** `normalized` must already be trimmed and lower-cased (core's normalizeEmail). */
export function applyGmailRule(normalized: string): string {
  const at = normalized.lastIndexOf('@');
  if (at <= 0) return normalized;
  const domain = normalized.slice(at + 1);
  if (!GOOGLE_MAIL.has(domain)) return normalized;
  let local = normalized.slice(0, at);
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  local = local.split('.').join('');
  return local ? `${local}@${domain}` : normalized;
}
