/**
 * The event envelope (issue 2; keep these names): what an app hands the server twin. Strict
 * at the top level and in `user`, so a typo such as `event_id` or `emial` is an error naming
 * the key rather than a match key silently lost; `properties` also accepts custom keys.
 * Messages never quote the input value: it may be personal data.
 */
import { MAX_EVENT_ID_LENGTH, toConsentValue } from '@pixelpair/core';
import { z } from 'zod';
import { isTikTokCurrency } from './currencies.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const identifier = z.union([z.string(), z.array(z.string()).min(1, 'must not be an empty list').max(20, 'at most 20 values')], {
  error: 'must be a string or an array of strings',
});

export const userSchema = z.strictObject({
  email: identifier.optional(),
  phone: identifier.optional(),
  externalId: identifier.optional(),
  ttclid: z.string().max(1000, 'must be at most 1000 characters').optional(),
  ttp: z.string().max(1000, 'must be at most 1000 characters').optional(),
  /** Meta's `_fbc` / `_fbp` cookies, and Google's click ids: opaque, verbatim. */
  fbc: z.string().max(1000, 'must be at most 1000 characters').optional(),
  fbp: z.string().max(1000, 'must be at most 1000 characters').optional(),
  gclid: z.string().max(1000, 'must be at most 1000 characters').optional(),
  gbraid: z.string().max(1000, 'must be at most 1000 characters').optional(),
  wbraid: z.string().max(1000, 'must be at most 1000 characters').optional(),
  ip: z.string().max(64, 'must be at most 64 characters').optional(),
  userAgent: z.string().max(2048, 'must be at most 2048 characters').optional(),
  locale: z.string().max(35, 'must be at most 35 characters').optional(),
  country: z.string().max(64, 'must be at most 64 characters').optional(),
  firstName: z.string().max(200).optional(),
  lastName: z.string().max(200).optional(),
  zip: z.string().max(64).optional(),
  city: z.string().max(200).optional(),
  state: z.string().max(200).optional(),
  /** `YYYY-MM-DD` (Meta's `db`). */
  dateOfBirth: z.string().max(32).optional(),
  /** `f` / `m` (Meta's `ge`). */
  gender: z.string().max(16).optional(),
});

const nonNegative = (what: string) =>
  z.number({ error: `must be a number (${what})` }).finite('must be a finite number').nonnegative('must not be negative');

/** A plain decimal string ("129.95") is accepted as a number; "129,95 €" is not. */
const amount = z.union([nonNegative('no symbols, commas or letters'), z.string().regex(/^\d+(\.\d+)?$/, 'must be a number (no symbols, commas or letters)').transform(Number)], {
  error: 'must be a non-negative number',
});

export const contentSchema = z.strictObject({
  contentId: z.union([text(256), z.number().int('must be an integer or a string').nonnegative().transform(String)], {
    error: 'must be a string (TikTok rejects a number with 40002)',
  }),
  quantity: z.number({ error: 'must be a whole number' }).int('must be a whole number').nonnegative('must not be negative').optional(),
  price: amount.optional(),
  contentName: z.string().max(500).optional(),
  contentCategory: z.string().max(500).optional(),
  brand: z.string().max(200).optional(),
});

export const propertiesSchema = z.looseObject({
  value: amount.optional(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter ISO 4217 code', abort: true })
    .refine(isTikTokCurrency, "is not in TikTok's currency list")
    .optional(),
  contentType: z.enum(['product', 'product_group'], { error: 'must be "product" or "product_group"' }).optional(),
  contents: z.array(contentSchema).max(1000, 'at most 1000 items').optional(),
  contentIds: z.array(text(256)).max(1000).optional(),
  numItems: z.number().int('must be a whole number').nonnegative('must not be negative').optional(),
  orderId: text(256).optional(),
  query: z.string().max(500).optional(),
  description: z.string().max(1000).optional(),
});

/** Core's spellings (GRANTED, true, 'yes', 1…); an unrecognised value is an error, not a silent 'unknown'. */
const consentValue = z.preprocess(
  (v) => {
    const value = toConsentValue(v);
    return value === 'unknown' && typeof v === 'string' && v.trim().toLowerCase() === 'unknown' ? 'unknown' : value === 'unknown' ? v : value;
  },
  z.enum(['granted', 'denied', 'unknown'], { error: 'must be "granted", "denied" or "unknown"' }),
);

export const consentSchema = z.strictObject({
  adUserData: consentValue.optional(),
  adPersonalization: consentValue.optional(),
  region: z.string().trim().max(16).optional(),
  cmp: z.union([z.string().max(100).transform((name) => ({ name })), z.strictObject({ name: z.string().max(100), version: z.string().max(50).optional() })]).optional(),
  decidedAt: z.string().max(40).optional(),
});

/** Integer seconds, ISO-8601 string, digits-only string, or Date; checked further in event-time.ts. */
const eventTime = z.union([z.number(), z.string().trim().min(1), z.date()], { error: 'must be Unix seconds, an ISO-8601 string or a Date' });

export const envelopeSchema = z.strictObject({
  event: text(100),
  eventId: z
    .string({ error: 'must be a string (TikTok answers 40002 to a number, and dedup needs the exact pixel string)' })
    .min(1, 'must not be empty')
    .max(MAX_EVENT_ID_LENGTH, `must be at most ${MAX_EVENT_ID_LENGTH} characters`)
    .regex(/^[^\s@]+$/, 'must not contain spaces or "@" (never personal data)'),
  eventTime: eventTime.optional(),
  user: userSchema.optional(),
  page: z.strictObject({ url: z.string().max(4096).optional(), referrer: z.string().max(4096).optional() }).optional(),
  properties: propertiesSchema.optional(),
  consent: consentSchema.optional(),
});

export type Envelope = z.infer<typeof envelopeSchema>;
export type EnvelopeUser = z.infer<typeof userSchema>;
export type EnvelopeProperties = z.infer<typeof propertiesSchema>;
export type EnvelopeConsent = z.infer<typeof consentSchema>;
