// node bench/prepare.mjs [--quick] [--only=varied|journey]: the prepare step, side by side in
// one run, on seeded records (bench/records.mjs): pixelpair's prepareEvent (TikTok) and
// prepareForDestinations (TikTok + Meta + Google) against a naive correct stack written plainly
// (zod safeParse + libphonenumber-js/max parse + isValid + createHash ×3) and, on the journey
// stream, facebook-nodejs-business-sdk's ServerEvent.normalize() (its phone hashes are wrong).
// Passes are interleaved (each pass runs every pipeline once, in rotating order); figures are
// medians of the timed passes, and ratios are taken from the same run. Needs a build (dist/).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { envelopeSchema, googleDestination, metaDestination, prepareEvent, prepareForDestinations, tiktokDestination } from '../dist/index.js';
import { journey, varied } from './records.mjs';
const fast = await import('../dist/envelope/fast-parse.js').catch(() => undefined);

// The identifier cache (when this build has one): its hit rate is reported per stream.
const cache = await import('../dist/normalize/identifier-cache.js').catch(() => undefined);

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const N = quick ? 4000 : 20_000;
const PASSES = quick ? 3 : 7;

const require = createRequire(new URL('../../../bench/package.json', import.meta.url));
let fb;
try {
  fb = require('facebook-nodejs-business-sdk');
} catch {
  console.log('(facebook-nodejs-business-sdk not installed in bench/: the peer column is skipped)');
}

const sha = (s) => createHash('sha256').update(s).digest('hex');
const config = { pixelId: 'CPIXEL0123456789ABCD', defaultCountry: 'US' };
const destinations = [
  tiktokDestination({ pixelId: config.pixelId }),
  metaDestination({ pixelId: '123456789012345' }),
  googleDestination({ customerId: '1234567890', conversionActions: { Purchase: '111', AddToCart: '222', InitiateCheckout: '333', ViewContent: '444', AddPaymentInfo: '555' }, accessToken: async () => 't' }),
];

// ---- the naive correct stack, written plainly ----
const naiveSchema = z.object({
  event: z.string().min(1).max(100),
  eventId: z.string().min(1).max(100),
  eventTime: z.number().int(),
  user: z
    .object({
      email: z.string().max(254).optional(),
      phone: z.string().max(64).optional(),
      externalId: z.string().max(256).optional(),
      ip: z.string().max(64).optional(),
      userAgent: z.string().max(2048).optional(),
      country: z.string().length(2).optional(),
    })
    .optional(),
  page: z.object({ url: z.string().max(4096).optional() }).optional(),
  properties: z
    .object({
      value: z.number().nonnegative().optional(),
      currency: z.string().length(3).optional(),
      contentType: z.enum(['product', 'product_group']).optional(),
      contents: z.array(z.object({ contentId: z.string().min(1), quantity: z.number().int().nonnegative().optional(), price: z.number().nonnegative().optional() })).optional(),
    })
    .optional(),
  consent: z.object({ adUserData: z.enum(['granted', 'denied', 'unknown']).optional(), adPersonalization: z.enum(['granted', 'denied', 'unknown']).optional(), region: z.string().optional() }).optional(),
});

function naive(envelope) {
  const parsed = naiveSchema.safeParse(envelope);
  if (!parsed.success) return null;
  const e = parsed.data;
  const u = e.user ?? {};
  const user = {};
  if (e.consent?.adUserData !== 'denied') {
    if (u.email) user.email = sha(u.email.trim().toLowerCase());
    if (u.phone) {
      const p = parsePhoneNumberFromString(u.phone, u.country ? { defaultCountry: u.country } : undefined);
      if (p?.isValid()) user.phone = sha(p.number);
    }
    if (u.externalId) user.external_id = sha(u.externalId.trim());
  }
  if (u.ip) user.ip = u.ip;
  if (u.userAgent) user.user_agent = u.userAgent;
  const p = e.properties ?? {};
  return {
    event: e.event,
    event_time: e.eventTime,
    event_id: e.eventId,
    user,
    page: e.page,
    properties: { value: p.value, currency: p.currency, content_type: p.contentType, contents: p.contents?.map((c) => ({ content_id: c.contentId, quantity: c.quantity, price: c.price })) },
  };
}

// ---- the peer ----
function peer(e) {
  const { ServerEvent, UserData, CustomData, Content } = fb;
  const u = e.user;
  const ud = new UserData().setClientIpAddress(u.ip).setClientUserAgent(u.userAgent).setCountry(u.country.toLowerCase());
  if (e.consent?.adUserData !== 'denied') ud.setEmails([u.email]).setPhones([u.phone]).setExternalIds([u.externalId]);
  const p = e.properties;
  const cd = new CustomData()
    .setValue(p.value)
    .setCurrency(p.currency.toLowerCase())
    .setContentType(p.contentType)
    .setContents(p.contents.map((c) => new Content().setId(c.contentId).setQuantity(c.quantity).setItemPrice(c.price)));
  return new ServerEvent().setEventName(e.event).setEventTime(e.eventTime).setEventId(e.eventId).setUserData(ud).setCustomData(cd).setActionSource('website').setEventSourceUrl(e.page.url).normalize();
}

const pipelines = {
  'pixelpair prepareEvent (TikTok)': (e) => prepareEvent(e, config),
  'pixelpair prepareForDestinations (TikTok+Meta+Google)': (e) => prepareForDestinations(e, destinations, config),
  'naive correct stack (zod + libphonenumber-js + createHash)': naive,
  ...(fb ? { 'facebook-nodejs-business-sdk normalize()': peer } : {}),
  'zod: pixelpair envelopeSchema.safeParse alone': (e) => envelopeSchema.safeParse(e),
  'zod: the naive schema alone': (e) => naiveSchema.safeParse(e),
  ...(fast ? { 'fastParse alone (the zod-free reading, same answer)': (e) => fast.fastParse(e) } : {}),
  'libphonenumber-js/max parse + isValid alone': (e) => parsePhoneNumberFromString(e.user.phone, { defaultCountry: e.user.country })?.isValid(),
};

// ---- correctness of phone hashes: sha256 of libphonenumber's E.164 with its `+` ----
function phoneShare(stream) {
  const { records, expected } = stream;
  const sample = Math.min(records.length, 2000);
  const ok = { pixelpair: 0, pixelpairMeta: 0, pixelpairGoogle: 0, naive: 0, peer: 0, peerDigits: 0 };
  let counted = 0;
  for (let i = 0; i < sample; i++) {
    if (records[i].consent.adUserData === 'denied') continue;
    counted++;
    const want = sha(expected[i]);
    const r = prepareEvent(records[i], config);
    if (r.ok && r.prepared.wire.user?.phone === want) ok.pixelpair++;
    const all = prepareForDestinations(records[i], destinations, config);
    if (all.ok) {
      if (all.results[1].result.prepared?.wire.user_data.ph === sha(expected[i].slice(1))) ok.pixelpairMeta++;
      const g = all.results[2].result.prepared?.wire.userData?.userIdentifiers.find((x) => x.phoneNumber);
      if (g?.phoneNumber === want) ok.pixelpairGoogle++;
    }
    if (naive(records[i])?.user.phone === want) ok.naive++;
    if (fb) {
      const ph = peer(records[i]).user_data.ph?.[0];
      if (ph === want) ok.peer++;
      if (ph === sha(expected[i].slice(1))) ok.peerDigits++;
    }
  }
  const pct = (n) => `${((100 * n) / counted).toFixed(1)} %`;
  console.log(
    `  phone hashes correct (of ${counted}): pixelpair TikTok ${pct(ok.pixelpair)}, Meta (digits) ${pct(ok.pixelpairMeta)}, Google ${pct(ok.pixelpairGoogle)}; naive ${pct(ok.naive)}` +
      (fb ? `; peer ${pct(ok.peer)} (+E.164), ${pct(ok.peerDigits)} (Meta's own digits rule)` : ''),
  );
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function run(label, stream) {
  const names = Object.keys(pipelines).filter((n) => stream.peer || !n.startsWith('facebook'));
  const { records } = stream;
  for (const n of names) for (let i = 0; i < Math.min(records.length, 3000); i++) pipelines[n](records[i]); // warm-up
  const rates = Object.fromEntries(names.map((n) => [n, []]));
  const lookups = { hits: 0, misses: 0 };
  for (let pass = 0; pass < PASSES; pass++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + pass) % names.length];
      const fn = pipelines[name];
      // every pass starts cold: a varied pass must not hit what the previous pass cached
      cache?.clearIdentifierCache();
      const t = process.hrtime.bigint();
      for (let i = 0; i < records.length; i++) fn(records[i]);
      rates[name].push(records.length / (Number(process.hrtime.bigint() - t) / 1e9));
      if (name === 'pixelpair prepareEvent (TikTok)' && cache) {
        const s = cache.identifierCacheStats();
        lookups.hits += s.hits;
        lookups.misses += s.misses;
      }
    }
  }
  console.log(`\n${label}: ${records.length} events, ${PASSES} interleaved passes (median, min–max events/s)`);
  const med = Object.fromEntries(names.map((n) => [n, median(rates[n])]));
  for (const n of names) {
    const r = rates[n];
    console.log(`  ${n.padEnd(62)} ${Math.round(med[n]).toLocaleString('en-US').padStart(10)}   ${Math.round(Math.min(...r)).toLocaleString('en-US')}–${Math.round(Math.max(...r)).toLocaleString('en-US')}`);
  }
  const pp = med['pixelpair prepareEvent (TikTok)'];
  const all = med['pixelpair prepareForDestinations (TikTok+Meta+Google)'];
  const nv = med['naive correct stack (zod + libphonenumber-js + createHash)'];
  const fbm = med['facebook-nodejs-business-sdk normalize()'];
  console.log(`  ratios: prepareEvent / naive ${(pp / nv).toFixed(2)}×` + (fbm ? `, prepareEvent / peer ${(pp / fbm).toFixed(2)}×, 3 destinations / peer ${(all / fbm).toFixed(2)}×` : '') + `, 3 destinations / naive ${(all / nv).toFixed(2)}×`);
  phoneShare(stream);
  if (cache) {
    const rate = lookups.hits / Math.max(1, lookups.hits + lookups.misses);
    console.log(`  phone cache (prepareEvent passes, each from cold): ${lookups.hits} hits, ${lookups.misses} misses, hit rate ${(100 * rate).toFixed(1)} %, capacity ${cache.IDENTIFIER_CACHE_CAPACITY}`);
  }
}

console.log(`node ${process.version}, ${process.platform}/${process.arch}${quick ? ' (quick)' : ''}`);
if (only !== 'journey') run('varied records (every event a new visitor)', { ...varied(N), peer: true });
if (only !== 'varied') run('journey stream (each visitor 5 events)', { ...journey(N), peer: true });
