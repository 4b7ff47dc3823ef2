/**
 * The browser hand-off (core `Handoff`), validated before the app sees it: bounded strings
 * (checked before any pattern), consent values from a closed set, click ids by core's one
 * click-id rule, and a bounded flat properties object whose amounts and counts have sane
 * maxima (HANDOFF_LIMITS), never personal data. The browser is not trusted: everything here
 * is evidence to store, not truth.
 */
import { isClickId, looksLikePersonalData, looksLikePhone, MAX_EVENT_ID_LENGTH } from '@pixelpair/core';
import { z } from 'zod';
import { IDENTITY_KEY, isIdentityKey, notPersonal, PERSONAL_VALUE, withoutPersonalData } from '../envelope/personal-data.js';

/**
 * What a browser may claim. Amounts: 1e9 covers any real basket in every one of TikTok's
 * currencies that a page would put in a browser event (62,000 USD in IDR or VND); counts:
 * 10,000 of one item, 100 line items, 50 properties. Raise them with `limits` if a shop needs to.
 */
export const HANDOFF_LIMITS = {
  amount: 1e9,
  quantity: 10_000,
  contents: 100,
  properties: 50,
  itemKeys: 20,
  text: 1000,
  key: 64,
};
export type HandoffLimits = typeof HANDOFF_LIMITS;

const AMOUNT_KEYS = new Set(['value', 'price']);
const COUNT_KEYS = new Set(['quantity', 'num_items', 'numItems']);

const bounded = (max: number) => z.string().max(max, { error: `must be at most ${max} characters`, abort: true });
const consentValue = z.enum(['granted', 'denied', 'unknown'], { error: 'must be "granted", "denied" or "unknown"' });
const clickId = bounded(500).refine(isClickId, 'not a click id: 1–500 printable ASCII characters without spaces, quotes, ";", ",", "\\", "<", ">" or "@"');
const pageUrl = bounded(4096).transform(withoutPersonalData);

type Path = Array<string | number>;
type AddIssue = (message: string, path: Path) => void;

function checkPrimitive(key: string, value: unknown, path: Path, limits: HandoffLimits, add: AddIssue): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (value.length > limits.text) add(`must be at most ${limits.text} characters`, path);
    else if (!notPersonal(value)) add(PERSONAL_VALUE, path);
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return add('must be a string, a number, a boolean or null', path);
  if (AMOUNT_KEYS.has(key) && (value < 0 || value > limits.amount)) add(`must be between 0 and ${limits.amount}`, path);
  if (COUNT_KEYS.has(key) && (!Number.isInteger(value) || value < 0 || value > limits.quantity)) add(`must be a whole number between 0 and ${limits.quantity}`, path);
}

/** Names that reach an object's prototype once the app copies or merges the properties. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function checkKey(key: string, path: Path, limits: HandoffLimits, add: AddIssue): boolean {
  if (key.length > limits.key) add(`names must be at most ${limits.key} characters`, path);
  else if (FORBIDDEN_KEYS.has(key)) add('is not allowed as a property name', path);
  else if (isIdentityKey(key)) add(IDENTITY_KEY, path);
  else if (looksLikePersonalData(key)) add('a property name must not be an email address or phone number', path);
  else return true;
  return false;
}

function checkProperties(props: unknown, limits: HandoffLimits, add: AddIssue): void {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) return add('must be an object', []);
  const entries = Object.entries(props);
  if (entries.length > limits.properties) return add(`at most ${limits.properties} properties`, []);
  for (const [key, value] of entries) {
    if (!checkKey(key, [key], limits, add)) continue;
    if (!Array.isArray(value)) {
      checkPrimitive(key, value, [key], limits, add);
      continue;
    }
    if (value.length > limits.contents) {
      add(`at most ${limits.contents} items`, [key]);
      continue;
    }
    value.forEach((item, i) => {
      if (typeof item !== 'object' || item === null) return checkPrimitive(key, item, [key, i], limits, add);
      if (Array.isArray(item)) return add('must not be nested more than one level', [key, i]);
      const fields = Object.entries(item);
      if (fields.length > limits.itemKeys) return add(`at most ${limits.itemKeys} fields per item`, [key, i]);
      for (const [name, field] of fields) {
        if (!checkKey(name, [key, i, name], limits, add)) continue;
        if (typeof field === 'object' && field !== null) add('must be a string, a number, a boolean or null', [key, i, name]);
        else checkPrimitive(name, field, [key, i, name], limits, add);
      }
    });
  }
}

export function createHandoffSchema(overrides: Partial<HandoffLimits> = {}) {
  const limits: HandoffLimits = { ...HANDOFF_LIMITS, ...overrides };
  return z.strictObject({
    event: bounded(100).trim().min(1, 'must not be empty').refine(notPersonal, 'must not be an email address or phone number'),
    eventId: z
      .string({ error: 'must be a string' })
      .min(1, 'must not be empty')
      .max(MAX_EVENT_ID_LENGTH, { error: `must be at most ${MAX_EVENT_ID_LENGTH} characters`, abort: true })
      .regex(/^[^\s@]+$/, 'must not contain spaces or "@"')
      .refine((id) => !looksLikePhone(id), 'must not be a phone number'),
    properties: z
      .unknown()
      .superRefine((props, ctx) => checkProperties(props, limits, (message, path) => ctx.addIssue({ code: 'custom', message, path })))
      .transform((props) => props as Record<string, unknown>)
      .optional(),
    context: z.strictObject({
      ttclid: clickId.optional(),
      ttp: clickId.optional(),
      userAgent: bounded(2048).optional(),
      page: z.strictObject({ url: pageUrl.optional(), referrer: pageUrl.optional() }),
      consent: z.strictObject({
        adUserData: consentValue,
        adPersonalization: consentValue,
        /** Storage consent (TCF purpose 1, Consent Mode ad_storage) when the tag reports it; governs the cookies only. */
        adStorage: consentValue.optional(),
        region: bounded(16).optional(),
        cmp: z.strictObject({ name: bounded(100), version: bounded(50).optional() }).optional(),
        decidedAt: bounded(40).optional(),
      }),
      capturedAt: bounded(40),
    }),
  });
}

export const handoffSchema = createHandoffSchema();
