// Seeded records for the server micro-benchmarks (not shipped): 8 countries; about half the
// phones national, a third international with separators, the rest bare E.164; emails with
// mixed case and whitespace; 1–3 contents; consent mostly granted. `journey()` repeats each
// visitor's identifiers across the five events of a shopping journey, as real traffic does.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

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

// National significant number shapes (random digits, kept only when the library calls them valid).
const COUNTRIES = {
  US: ['213', '415', '646', '312', '617', '305'].map((a) => `${a}#######`),
  GB: ['7911', '7700', '7400', '7825'].map((p) => `${p}######`),
  DE: ['170', '151', '176', '30', '89', '40'].map((p) => (p.length === 3 ? `${p}#######` : `${p}########`)),
  FR: ['6########', '7########', '1########'],
  JP: ['90########', '80########', '3########'],
  BR: ['119########', '219########'],
  IN: ['98#######', '99#######', '87#######'].map((p) => `${p}#`),
  AU: ['4########', '2########'],
};
export const COUNTRY_CODES = Object.keys(COUNTRIES);

function validNumber(country, r) {
  for (;;) {
    const shapes = COUNTRIES[country];
    const nsn = shapes[Math.floor(r() * shapes.length)].replace(/#/g, () => String(Math.floor(r() * 10)));
    const parsed = parsePhoneNumberFromString(`+${parsedCode(country)}${nsn}`);
    if (parsed?.isValid() && parsed.country === country) return parsed;
  }
}
const CALLING = { US: '1', GB: '44', DE: '49', FR: '33', JP: '81', BR: '55', IN: '91', AU: '61' };
const parsedCode = (c) => CALLING[c];

/** One phone as a person types it, and its E.164. */
function phoneOf(country, r) {
  const p = validNumber(country, r);
  const pick = r();
  let raw;
  if (pick < 0.5) raw = p.formatNational();
  else if (pick < 0.83) {
    const intl = p.formatInternational();
    const sep = ['-', '.', ' '][Math.floor(r() * 3)];
    raw = r() < 0.5 ? intl : intl.replace(/ /g, sep).replace(/^\+(\d+)[-.]/, '+$1 ');
  } else raw = p.number;
  return { raw, e164: p.number };
}

const FIRST = ['Alice', 'bob', 'CARLOS', 'Dana', 'Emile', 'Fatima', 'Gunter', 'Hiro', 'Ines', 'Jun'];
const DOMAINS = ['Example.COM', 'gmail.com', 'GoogleMail.com', 'mail.example.co.uk', 'Web.DE', 'yahoo.co.jp'];

function visitor(i, r) {
  const country = COUNTRY_CODES[Math.floor(r() * COUNTRY_CODES.length)];
  const phone = phoneOf(country, r);
  const name = FIRST[Math.floor(r() * FIRST.length)];
  const email = `${r() < 0.3 ? ' ' : ''}${name}.${r() < 0.5 ? 'Tester' : 'user'}${i}@${DOMAINS[Math.floor(r() * DOMAINS.length)]}${r() < 0.3 ? '  ' : ''}`;
  return {
    country,
    phone: phone.raw,
    e164: phone.e164,
    email,
    externalId: `cust_${i}`,
    ip: `203.0.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  };
}

const now = Math.floor(Date.now() / 1000);
const JOURNEY = ['ViewContent', 'AddToCart', 'InitiateCheckout', 'AddPaymentInfo', 'Purchase'];

function envelope(v, i, event, r) {
  const n = 1 + Math.floor(r() * 3);
  const contents = [];
  let value = 0;
  for (let c = 0; c < n; c++) {
    const price = Math.round(r() * 20000) / 100;
    const quantity = 1 + Math.floor(r() * 3);
    value += price * quantity;
    contents.push({ contentId: `SKU-${Math.floor(r() * 10000)}`, quantity, price });
  }
  const granted = r() < 0.9;
  return {
    event,
    eventId: `ord_${i}_${event.toLowerCase()}`,
    eventTime: now - Math.floor(r() * 3600),
    user: { email: v.email, phone: v.phone, externalId: v.externalId, ip: v.ip, userAgent: v.userAgent, country: v.country },
    page: { url: `https://shop.example/p/${i}` },
    properties: { value: Math.round(value * 100) / 100, currency: 'USD', contents, contentType: 'product' },
    consent: { adUserData: granted ? 'granted' : 'denied', adPersonalization: 'granted', region: v.country },
  };
}

/** `n` events, each from a new visitor; `expected[i]` is the E.164 of record i's phone. */
export function varied(n, seed = 1) {
  const r = rng(seed);
  const records = [];
  const expected = [];
  for (let i = 0; i < n; i++) {
    const v = visitor(i, r);
    records.push(envelope(v, i, JOURNEY[i % 5], r));
    expected.push(v.e164);
  }
  return { records, expected };
}

/** `n` events from n/5 visitors: 200 visitors shop at a time, each one's five events in journey order. */
export function journey(n, seed = 2, together = 200) {
  const r = rng(seed);
  const visitors = Array.from({ length: Math.ceil(n / 5) }, (_, i) => visitor(i, r));
  const records = [];
  const expected = [];
  for (let start = 0; start < visitors.length; start += together) {
    const group = visitors.slice(start, start + together);
    for (let step = 0; step < 5; step++) {
      group.forEach((v, k) => {
        if (records.length >= n) return;
        records.push(envelope(v, (start + k) * 5 + step, JOURNEY[step], r));
        expected.push(v.e164);
      });
    }
  }
  return { records, expected };
}
