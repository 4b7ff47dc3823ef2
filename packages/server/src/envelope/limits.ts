/**
 * The bounds of every envelope field (issue 12): each string has a length that fits its field
 * and is checked before any pattern runs; amounts and counts have sane maxima, so a forged or
 * mistyped `value: 1e15` or `quantity: 1e9` is an error rather than a server copy.
 * Amounts: 1e12 fits any real order in any of TikTok's 62 currencies (a 60-million-dollar
 * basket in IDR) and is still summed exactly by a double.
 */
import { MAX_CLICK_ID_LENGTH, MAX_EMAIL_LENGTH, MAX_EVENT_ID_LENGTH } from '@pixelpair/core';

export const ENVELOPE_LIMITS = {
  /** characters */
  event: 100,
  eventId: MAX_EVENT_ID_LENGTH,
  eventTimeText: 64,
  email: MAX_EMAIL_LENGTH,
  phone: 64,
  externalId: 256,
  /** values per identifier array */
  identifierValues: 20,
  clickId: MAX_CLICK_ID_LENGTH,
  ip: 64,
  userAgent: 2048,
  locale: 35,
  country: 64,
  name: 200,
  zip: 64,
  place: 200,
  url: 4096,
  contentId: 256,
  contentText: 500,
  brand: 200,
  orderId: 256,
  query: 500,
  description: 1000,
  currencyText: 16,
  amountText: 32,
  propertyName: 64,
  customValue: 1000,
  /** counts */
  properties: 100,
  contents: 1000,
  contentIds: 1000,
  /** numbers */
  amount: 1e12,
  quantity: 1e6,
  numItems: 1e6,
} as const;
