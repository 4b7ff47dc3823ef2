/**
 * The envelope schema's answer for the envelopes real traffic sends, without zod's generic
 * machinery (zod was 17 % of preparing an event, a fifth of the whole). `fastParse` accepts
 * only what `envelopeSchema` accepts, and answers exactly the data zod would (a property test
 * compares the two on generated envelopes). Anything unusual — an unknown key, a Date or a
 * string time, a consent spelling other than granted/denied/unknown, a CMP, a decimal string
 * amount, an invalid value of any kind — returns undefined, and the caller asks zod, whose
 * error messages stay the only ones.
 */
import { isClickId, looksLikePersonalData, looksLikePhone } from '@pixelpair/core';
import { isTikTokCurrency } from './currencies.js';
import { ENVELOPE_LIMITS as L } from './limits.js';
import { withoutPersonalData } from './personal-data.js';
import { customKeyProblem, trimSpaces, type Envelope } from './schema.js';

type Obj = Record<string, unknown>;
const PASS = undefined;

function plain(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** bounded(max).trim().min(1) [+ notPersonal]: the trimmed text, or undefined. */
function text(v: unknown, max: number, personalAllowed = false): string | undefined {
  if (!isString(v, max)) return PASS;
  const t = v.trim();
  if (t.length === 0 || (!personalAllowed && looksLikePersonalData(t))) return PASS;
  return t;
}

/** The number branch of `amount`: finite, ≥ 0, ≤ 1e12. */
const amount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= L.amount;
const count = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
const freeText = (v: unknown, max: number): v is string => isString(v, max) && !looksLikePersonalData(v);

/** string | string[] (1–20 values), each ≤ max: a copy, as zod answers. */
function identifier(v: unknown, max: number): string | string[] | undefined {
  if (isString(v, max)) return v;
  if (!Array.isArray(v) || v.length === 0 || v.length > L.identifierValues) return PASS;
  for (let i = 0; i < v.length; i++) if (!isString(v[i], max)) return PASS;
  return v.slice();
}

function clickId(v: unknown): string | undefined {
  if (!isString(v, L.clickId)) return PASS;
  const t = trimSpaces(v);
  return t === '' || isClickId(t) ? t : PASS;
}

const USER_TEXT: Record<string, number> = {
  ip: L.ip, userAgent: L.userAgent, locale: L.locale, country: L.country, firstName: L.name, lastName: L.name,
  zip: L.zip, city: L.place, state: L.place, dateOfBirth: 32, gender: 16,
};
const USER_IDS: Record<string, number> = { email: L.email, phone: L.phone, externalId: L.externalId };
const CLICK_IDS = new Set(['ttclid', 'ttp', 'fbc', 'fbp', 'gclid', 'gbraid', 'wbraid']);

function user(u: unknown): Obj | undefined {
  if (!plain(u)) return PASS;
  const out: Obj = {};
  for (const key in u) {
    const v = u[key];
    if (v === undefined) continue;
    let parsed: unknown;
    if (Object.hasOwn(USER_IDS, key)) parsed = identifier(v, USER_IDS[key]!);
    else if (Object.hasOwn(USER_TEXT, key)) parsed = isString(v, USER_TEXT[key]!) ? v : PASS;
    else if (CLICK_IDS.has(key)) parsed = clickId(v);
    else return PASS;
    if (parsed === PASS) return PASS;
    out[key] = parsed;
  }
  return out;
}

function content(c: unknown): Obj | undefined {
  if (!plain(c)) return PASS;
  const out: Obj = {};
  let id = false;
  for (const key in c) {
    const v = c[key];
    if (v === undefined) continue;
    switch (key) {
      case 'contentId':
        if (typeof v === 'number') {
          if (!Number.isSafeInteger(v) || v < 0) return PASS;
          out.contentId = String(v);
        } else {
          const t = text(v, L.contentId);
          if (t === PASS) return PASS;
          out.contentId = t;
        }
        id = true;
        break;
      case 'quantity':
        if (!count(v, L.quantity)) return PASS;
        out.quantity = v;
        break;
      case 'price':
        if (!amount(v)) return PASS;
        out.price = v;
        break;
      case 'contentName':
      case 'contentCategory':
        if (!freeText(v, L.contentText)) return PASS;
        out[key] = v;
        break;
      case 'brand':
        if (!freeText(v, L.brand)) return PASS;
        out.brand = v;
        break;
      default:
        return PASS;
    }
  }
  return id ? out : PASS;
}

const KNOWN = new Set(['value', 'currency', 'contentType', 'contents', 'contentIds', 'numItems', 'orderId', 'query', 'description']);

function properties(p: unknown): Obj | undefined {
  if (!plain(p) || Object.hasOwn(p, '__proto__')) return PASS;
  const out: Obj = {};
  let keys = 0;
  for (const key in p) {
    keys++;
    const v = p[key];
    if (!KNOWN.has(key)) {
      if (customKeyProblem(key, v) !== undefined) return PASS;
      out[key] = v;
      continue;
    }
    if (v === undefined) continue;
    switch (key) {
      case 'value':
        if (!amount(v)) return PASS;
        out.value = v;
        break;
      case 'currency': {
        if (!isString(v, L.currencyText)) return PASS;
        const code = v.trim().toUpperCase();
        if (!/^[A-Z]{3}$/.test(code) || !isTikTokCurrency(code)) return PASS;
        out.currency = code;
        break;
      }
      case 'contentType':
        if (v !== 'product' && v !== 'product_group') return PASS;
        out.contentType = v;
        break;
      case 'contents': {
        if (!Array.isArray(v) || v.length > L.contents) return PASS;
        const list: Obj[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const c = content(v[i]);
          if (c === PASS) return PASS;
          list[i] = c;
        }
        out.contents = list;
        break;
      }
      case 'contentIds': {
        if (!Array.isArray(v) || v.length > L.contentIds) return PASS;
        const list: string[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const t = text(v[i], L.contentId);
          if (t === PASS) return PASS;
          list[i] = t;
        }
        out.contentIds = list;
        break;
      }
      case 'numItems':
        if (!count(v, L.numItems)) return PASS;
        out.numItems = v;
        break;
      case 'orderId': {
        const t = text(v, L.orderId);
        if (t === PASS) return PASS;
        out.orderId = t;
        break;
      }
      case 'query':
        if (!freeText(v, L.query)) return PASS;
        out.query = v;
        break;
      case 'description':
        if (!freeText(v, L.description)) return PASS;
        out.description = v;
        break;
    }
  }
  // near the bound, zod counts (it sees keys whose value is undefined too)
  return keys > L.properties - 10 ? PASS : out;
}

function page(p: unknown): Obj | undefined {
  if (!plain(p)) return PASS;
  const out: Obj = {};
  for (const key in p) {
    const v = p[key];
    if (v === undefined) continue;
    if ((key !== 'url' && key !== 'referrer') || !isString(v, L.url)) return PASS;
    out[key] = withoutPersonalData(v);
  }
  return out;
}

const CONSENT_VALUES = new Set(['granted', 'denied', 'unknown']);

function consent(c: unknown): Obj | undefined {
  if (!plain(c)) return PASS;
  const out: Obj = {};
  for (const key in c) {
    const v = c[key];
    if (v === undefined) continue;
    if (key === 'adUserData' || key === 'adPersonalization') {
      if (typeof v !== 'string' || !CONSENT_VALUES.has(v)) return PASS;
      out[key] = v;
    } else if (key === 'region') {
      if (!isString(v, 16)) return PASS;
      out.region = v.trim();
    } else if (key === 'decidedAt') {
      if (!isString(v, 40)) return PASS;
      out.decidedAt = v;
    } else return PASS;
  }
  return out;
}

const EVENT_ID = /^[^\s@]+$/;

/** The envelope as `envelopeSchema.safeParse` would answer it, or undefined: ask zod. */
export function fastParse(input: unknown): Envelope | undefined {
  if (!plain(input)) return PASS;
  const out: Obj = {};
  let event = false;
  let id = false;
  for (const key in input) {
    const v = input[key];
    if (v === undefined) continue;
    let parsed: unknown;
    switch (key) {
      case 'event':
        parsed = text(v, L.event);
        event = true;
        break;
      case 'eventId':
        parsed = isString(v, L.eventId) && v.length > 0 && EVENT_ID.test(v) && !looksLikePhone(v) ? v : PASS;
        id = true;
        break;
      case 'eventTime':
        parsed = typeof v === 'number' && Number.isFinite(v) ? v : PASS;
        break;
      case 'user':
        parsed = user(v);
        break;
      case 'page':
        parsed = page(v);
        break;
      case 'properties':
        parsed = properties(v);
        break;
      case 'consent':
        parsed = consent(v);
        break;
      default:
        return PASS;
    }
    if (parsed === PASS) return PASS;
    out[key] = parsed;
  }
  return event && id ? (out as Envelope) : PASS;
}
