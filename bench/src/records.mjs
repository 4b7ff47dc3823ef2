/**
 * Seeded test data: 100,000 varied records (8 countries; about half national phone formats, a
 * third international with separators, the rest bare E.164; mixed-case emails with whitespace;
 * 1–3 contents; consent mostly granted) and a journey stream in which each visitor's email,
 * phone and external id recur across the five events of a shopping journey.
 * The same seed always gives the same records, so two runs measure the same work.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR', 'IN', 'JP', 'AU'];
const CURRENCY = { US: 'USD', GB: 'GBP', DE: 'EUR', FR: 'EUR', BR: 'BRL', IN: 'INR', JP: 'JPY', AU: 'AUD' };
// One valid mobile number per country; the generator varies its last digits and keeps the valid ones.
const SEED_NUMBERS = { US: '+12015550123', GB: '+447400123456', DE: '+4915123456789', FR: '+33612345678', BR: '+5511961234567', IN: '+918123456789', JP: '+819012345678', AU: '+61412345678' };
export const JOURNEY = ['ViewContent', 'AddToCart', 'InitiateCheckout', 'AddPaymentInfo', 'Purchase'];
const FIRST = ['Anna', 'Ben', 'Chloe', 'Dev', 'Emma', 'Felix', 'Grace', 'Hiro', 'Isabel', 'Joao', 'Kai', 'Lena'];
const LAST = ['Smith', 'Mueller', 'Dubois', 'Silva', 'Sharma', 'Tanaka', 'Brown', 'Jones', 'Martin', 'Wilson'];
const DOMAINS = ['Example.COM', 'mail.example.org', 'SHOP.example.net', 'example.co.uk'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
];

/** mulberry32: small, fast, good enough to spread test data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

/** A valid number of `country` (as libphonenumber parses it), varied by the random stream. */
function validNumber(r, country) {
  const seed = SEED_NUMBERS[country];
  for (;;) {
    const tail = String(Math.floor(r() * 1e5)).padStart(5, '0');
    const phone = parsePhoneNumberFromString(seed.slice(0, -5) + tail);
    if (phone?.isValid()) return phone;
  }
}

/** The number as a person or a form would write it: national, international with separators, or bare E.164. */
// Where "00" is the international prefix, people also write it instead of "+".
const DOUBLE_ZERO = new Set(['GB', 'DE', 'FR', 'IN']);

function written(r, phone, country) {
  const roll = r();
  if (roll < 0.5) return phone.formatNational();
  if (roll < 0.83) {
    const international = phone.formatInternational();
    const style = r();
    if (style < 0.4) return international;
    if (style < 0.7) return international.replace(/ /g, '-').replace('-', ' ');
    if (style < 0.85) return international.replace(/ /g, '.').replace('.', ' ');
    return DOUBLE_ZERO.has(country) ? `00${international.slice(1)}` : international;
  }
  return phone.number;
}

function email(r, i) {
  const local = `${pick(r, FIRST)}.${pick(r, LAST)}${i}`;
  const mixed = r() < 0.5 ? local : local.toUpperCase();
  const pad = () => (r() < 0.3 ? pick(r, [' ', '  ', '\t']) : '');
  return `${pad()}${mixed}@${pick(r, DOMAINS)}${pad()}`;
}

function consent(r, country) {
  const roll = r();
  const value = roll < 0.9 ? 'granted' : roll < 0.95 ? 'denied' : 'unknown';
  return { adUserData: value, adPersonalization: r() < 0.9 ? value : 'denied', region: country };
}

function visitor(r, i) {
  const country = pick(r, COUNTRIES);
  const phone = validNumber(r, country);
  return {
    country,
    e164: phone.number,
    identity: {
      email: email(r, i),
      phone: written(r, phone, country),
      externalId: `cust_${i}`,
      ip: `203.0.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`,
      userAgent: pick(r, AGENTS),
      country,
    },
  };
}

function contents(r) {
  const n = 1 + Math.floor(r() * 3);
  return Array.from({ length: n }, () => ({ contentId: `SKU-${1000 + Math.floor(r() * 9000)}`, quantity: 1 + Math.floor(r() * 3), price: Math.round(r() * 20000) / 100 + 1 }));
}

/** One record: the envelope pixelpair reads, plus the E.164 the correctness check compares against. */
function record(r, v, event, i, now) {
  const items = contents(r);
  const value = Math.round(items.reduce((sum, c) => sum + c.price * c.quantity, 0) * 100) / 100;
  return {
    e164: v.e164,
    envelope: {
      event,
      eventId: `${event.toLowerCase()}_${i}`,
      eventTime: now - Math.floor(r() * 86_400),
      user: { ...v.identity },
      properties: { value, currency: CURRENCY[v.country], contents: items },
      consent: consent(r, v.country),
    },
  };
}

/** `count` independent records, each with its own visitor. */
export function variedRecords(count, seed = 11, now = Math.floor(Date.now() / 1000)) {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => record(r, visitor(r, i), pick(r, JOURNEY), i, now));
}

/**
 * `count` events from count/5 visitors: each visitor's identity (as written) recurs in all five
 * steps; the steps of 50 visitors are interleaved, as concurrent sessions are.
 */
export function journeyRecords(count, seed = 12, now = Math.floor(Date.now() / 1000)) {
  const r = rng(seed);
  const out = [];
  const visitors = Math.ceil(count / JOURNEY.length);
  for (let block = 0; block < visitors; block += 50) {
    const group = [];
    for (let v = block; v < Math.min(visitors, block + 50); v++) group.push(visitor(r, v));
    for (const [step, event] of JOURNEY.entries()) {
      for (const [k, v] of group.entries()) if (out.length < count) out.push(record(r, v, event, (block + k) * JOURNEY.length + step, now));
    }
  }
  return out;
}
