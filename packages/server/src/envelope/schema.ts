/**
 * The event envelope (issue 2; keep these names): what an app hands the server twin. Strict
 * at the top level and in `user`, so a typo such as `event_id` or `emial` is an error naming
 * the key rather than a match key silently lost; `properties` also accepts custom keys.
 * Messages never quote the input value: it may be personal data.
 *
 * Every string has a length bound that fits its field (limits.ts), checked first and
 * aborting, so no pattern ever runs on an over-long value; amounts and counts are bounded
 * too. Personal data is accepted only under `user` (where it is hashed): anywhere else an
 * email address or phone number is an error, and page URLs lose the parameters carrying one.
 */
import { isClickId, looksLikePersonalData, looksLikePhone, toConsentValue } from '@pixelpair/core';
import { z } from 'zod';
import { isTikTokCurrency } from './currencies.js';
import { ENVELOPE_LIMITS as L } from './limits.js';
import { IDENTITY_KEY, isIdentityKey, notPersonal, PERSONAL_VALUE, withoutPersonalData } from './personal-data.js';

/** A string of at most `max` characters; longer stops here, before any later check runs. */
const bounded = (max: number) => z.string().max(max, { error: `must be at most ${max} characters`, abort: true });
const text = (max: number) => bounded(max).trim().min(1, 'must not be empty');
/** Text that leaves unhashed: never an email address or phone number. */
const freeText = (max: number) => bounded(max).refine(notPersonal, PERSONAL_VALUE);
const identifier = (max: number) =>
  z.union([bounded(max), z.array(bounded(max)).min(1, 'must not be an empty list').max(L.identifierValues, `at most ${L.identifierValues} values`)], {
    error: 'must be a string or an array of strings',
  });
/** Leading and trailing ASCII spaces only: a CR/LF or NUL around a click id makes it junk, not padded. */
export function trimSpaces(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value[start] === ' ') start++;
  while (end > start && value[end - 1] === ' ') end--;
  return value.slice(start, end);
}

/** ttclid and _ttp: core's one click-id rule (an empty value counts as absent). */
const clickId = bounded(L.clickId)
  .overwrite(trimSpaces)
  .refine((v) => v === '' || isClickId(v), 'not a click id: 1–500 printable ASCII characters without spaces, quotes, ";", ",", "\\", "<", ">" or "@"');

export const userSchema = z.strictObject({
  email: identifier(L.email).optional(),
  phone: identifier(L.phone).optional(),
  externalId: identifier(L.externalId).optional(),
  ttclid: clickId.optional(),
  ttp: clickId.optional(),
  /** Meta's `_fbc` / `_fbp` cookies and Google's click ids: the same click-id rule, verbatim. */
  fbc: clickId.optional(),
  fbp: clickId.optional(),
  gclid: clickId.optional(),
  gbraid: clickId.optional(),
  wbraid: clickId.optional(),
  ip: bounded(L.ip).optional(),
  userAgent: bounded(L.userAgent).optional(),
  locale: bounded(L.locale).optional(),
  country: bounded(L.country).optional(),
  firstName: bounded(L.name).optional(),
  lastName: bounded(L.name).optional(),
  zip: bounded(L.zip).optional(),
  city: bounded(L.place).optional(),
  state: bounded(L.place).optional(),
  /** `YYYY-MM-DD` (Meta's `db`). */
  dateOfBirth: bounded(32).optional(),
  /** `f` / `m` (Meta's `ge`). */
  gender: bounded(16).optional(),
});

const NUMBER_TEXT = 'must be a number (no symbols, commas or letters)';

/** A plain decimal string ("129.95") is accepted as a number; "129,95 €" is not. */
const amount = z.union(
  [
    z.number({ error: NUMBER_TEXT }).nonnegative('must not be negative').max(L.amount, `must be at most ${L.amount}`),
    bounded(L.amountText)
      .regex(/^\d+(\.\d+)?$/, NUMBER_TEXT)
      .transform(Number)
      .pipe(z.number().max(L.amount, `must be at most ${L.amount}`)),
  ],
  { error: 'must be a non-negative number' },
);
const count = (max: number) => z.number({ error: 'must be a whole number' }).int('must be a whole number').nonnegative('must not be negative').max(max, `must be at most ${max}`);

export const contentSchema = z.strictObject({
  contentId: z.union([text(L.contentId).refine(notPersonal, PERSONAL_VALUE), z.number().int('must be an integer or a string').nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String)], {
    error: 'must be a string (TikTok rejects a number with 40002)',
  }),
  quantity: count(L.quantity).optional(),
  price: amount.optional(),
  contentName: freeText(L.contentText).optional(),
  contentCategory: freeText(L.contentText).optional(),
  brand: freeText(L.brand).optional(),
});

const KNOWN_PROPERTIES = {
  value: amount.optional(),
  currency: bounded(L.currencyText)
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter ISO 4217 code', abort: true })
    .refine(isTikTokCurrency, "is not in TikTok's currency list")
    .optional(),
  contentType: z.enum(['product', 'product_group'], { error: 'must be "product" or "product_group"' }).optional(),
  contents: z.array(contentSchema).max(L.contents, `at most ${L.contents} items`).optional(),
  contentIds: z.array(text(L.contentId).refine(notPersonal, PERSONAL_VALUE)).max(L.contentIds, `at most ${L.contentIds} items`).optional(),
  numItems: count(L.numItems).optional(),
  orderId: text(L.orderId).refine(notPersonal, PERSONAL_VALUE).optional(),
  query: freeText(L.query).optional(),
  description: freeText(L.description).optional(),
};

const CUSTOM_TYPE = 'custom properties must be strings, numbers or booleans (TikTok rejects null and nested values: leave the key out)';

/** One issue per custom key, at most: its name first (it may itself be personal data), then its value. */
export function customKeyProblem(key: string, value: unknown): string | undefined {
  if (FORBIDDEN_KEYS.has(key)) return NOT_A_NAME;
  if (isIdentityKey(key)) return IDENTITY_KEY;
  if (key.length > L.propertyName) return `property names must be at most ${L.propertyName} characters`;
  if (looksLikePersonalData(key)) return 'a property name must not be an email address or phone number';
  if (typeof value === 'string') {
    if (value.length > L.customValue) return `must be at most ${L.customValue} characters`;
    return notPersonal(value) ? undefined : PERSONAL_VALUE;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'must be a finite number';
  return typeof value === 'boolean' || value === undefined ? undefined : CUSTOM_TYPE;
}

/** Names that reach an object's prototype: refused, not silently dropped (zod drops `__proto__`). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NOT_A_NAME = 'is not allowed as a property name';
const ownProto = (v: unknown): boolean => typeof v === 'object' && v !== null && Object.hasOwn(v, '__proto__');

/** Known keys are typed; custom keys are checked by name and value (always, even when a known key failed). */
const propertiesObject = z
  .object(KNOWN_PROPERTIES)
  .catchall(z.unknown())
  .superRefine(
    (props, ctx) => {
      // `when: () => true` runs this after a failed type check too (`properties: null`)
      if (typeof props !== 'object' || props === null) return;
      const keys = Object.keys(props);
      if (keys.length > L.properties) ctx.addIssue({ code: 'custom', message: `at most ${L.properties} properties`, path: [] });
      for (const key of keys) {
        // own keys only: `constructor` or `toString` are custom keys, not known ones
        if (Object.hasOwn(KNOWN_PROPERTIES, key)) continue;
        const message = customKeyProblem(key, (props as Record<string, unknown>)[key]);
        if (message) ctx.addIssue({ code: 'custom', message, path: [key] });
      }
    },
    { when: () => true },
  );

export const propertiesSchema = z.preprocess((v, ctx) => {
  if (ownProto(v)) ctx.addIssue({ code: 'custom', message: NOT_A_NAME, path: ['__proto__'] });
  return v;
}, propertiesObject);

/** Core's spellings (GRANTED, true, 'yes', 1…); an unrecognised value is an error, not a silent 'unknown'. */
const consentValue = z.preprocess(
  (v) => {
    if (typeof v === 'string' && v.length > 16) return v; // refused below without trimming a huge value
    const value = toConsentValue(v);
    return value === 'unknown' && typeof v === 'string' && v.trim().toLowerCase() === 'unknown' ? 'unknown' : value === 'unknown' ? v : value;
  },
  z.enum(['granted', 'denied', 'unknown'], { error: 'must be "granted", "denied" or "unknown"' }),
);

export const consentSchema = z.strictObject({
  adUserData: consentValue.optional(),
  adPersonalization: consentValue.optional(),
  region: bounded(16).trim().optional(),
  cmp: z.union([bounded(100).transform((name) => ({ name })), z.strictObject({ name: bounded(100), version: bounded(50).optional() })]).optional(),
  decidedAt: bounded(40).optional(),
});

/** Integer seconds, ISO-8601 string, digits-only string, or Date; checked further in event-time.ts. */
const eventTime = z.union([z.number(), bounded(L.eventTimeText).trim().min(1), z.date()], { error: 'must be Unix seconds, an ISO-8601 string or a Date' });

/** A page URL, bounded, without the query parameters that carry personal data. */
const pageUrl = bounded(L.url).transform(withoutPersonalData);

export const envelopeSchema = z.strictObject({
  event: text(L.event).refine(notPersonal, 'must not be an email address or phone number'),
  eventId: z
    .string({ error: 'must be a string (TikTok answers 40002 to a number, and dedup needs the exact pixel string)' })
    .min(1, 'must not be empty')
    .max(L.eventId, { error: `must be at most ${L.eventId} characters`, abort: true })
    .regex(/^[^\s@]+$/, 'must not contain spaces or "@" (never personal data)')
    .refine((id) => !looksLikePhone(id), 'must not be a phone number (never personal data)'),
  eventTime: eventTime.optional(),
  user: userSchema.optional(),
  page: z.strictObject({ url: pageUrl.optional(), referrer: pageUrl.optional() }).optional(),
  properties: propertiesSchema.optional(),
  consent: consentSchema.optional(),
});

export type Envelope = z.infer<typeof envelopeSchema>;
export type EnvelopeUser = z.infer<typeof userSchema>;
export type EnvelopeProperties = z.infer<typeof propertiesSchema>;
export type EnvelopeConsent = z.infer<typeof consentSchema>;
