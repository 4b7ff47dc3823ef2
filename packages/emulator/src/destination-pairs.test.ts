/**
 * The Test Events pairs of every destination, driven the way a shop drives the stand-in: the
 * Meta and Google stubs served over HTTP run in a page and beacon to their collectors, and the
 * backend posts Conversions API and Data Manager requests with realistic bodies. Then the pairs
 * come back from `GET /__emulator/pairs` and `emulator.pairs()`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator.js';
import { metaBaseCode } from './meta/base-code.js';
import { googleTagSnippet } from './google/gtag/snippet.js';
import { metaCopies } from './meta-copies.js';
import { googleCopies } from './google-copies.js';
import { tiktokCopies } from './tiktok-copies.js';
import { mergeCopySets } from './pair-copies.js';
import { pairCopies, type Pair, type PairsReport } from './pairing.js';
import { stubPage, type CookieJar } from '../test-support/stub-browser.js';
import { googleEvent, googleToken, IP, metaEvent, sendGoogle, sendMeta, sha, UA } from '../test-support/destination-servers.js';

const PIXEL = '1234567890123456';
const TAG = 'AW-123456789';
const ACCOUNT = '1234567890';
const PURCHASE_ACTION = '987654321';
const SHOP = 'https://shop.example';
const PRODUCT = `${SHOP}/products/sku-481`;
const THANKS = `${SHOP}/checkout/thanks`;
const FBC = `fb.1.${Date.now() - 60_000}.IwAR2F4-Case_kept`;

let emulator: Emulator;
let token: string;
beforeAll(async () => { emulator = await startEmulator({ accessTokens: ['tt-token'] }); });
afterAll(async () => { await emulator.close(); });
beforeEach(async () => {
  emulator.reset();
  token = await googleToken(emulator);
});

const pairsOver = async (query = ''): Promise<PairsReport> => (await fetch(`${emulator.url}/__emulator/pairs${query}`)).json() as Promise<PairsReport>;
const find = (report: PairsReport, destination: string, eventId: string, event?: string): Pair | undefined =>
  report.pairs.find((p) => p.destination === destination && p.eventId === eventId && (event === undefined || p.event === event));
const codes = (p: Pair | undefined) => p?.findings.map((f) => f.code);
/** Everything recorded, paired as the report will read it once every twin had its minute. */
const pairedLater = () => pairCopies({
  ...mergeCopySets([
    tiktokCopies({ events: emulator.records().events, pixelCalls: emulator.records().pixel }),
    metaCopies(emulator.meta.records()), googleCopies(emulator.google.records()),
  ]),
  now: Date.now() + 120_000,
});

/** A page with Meta's base code and the Google tag, both loading the stand-in's stubs over HTTP. */
async function shopPage(href: string, jar: CookieJar, options: { advancedMatching?: Record<string, string>; metaConsent?: 'revoke' | 'grant'; pageView?: string; consentDefault?: Record<string, unknown> } = {}) {
  const page = stubPage(href, jar);
  page.run(metaBaseCode(PIXEL, { scriptUrl: emulator.meta.pixelScriptUrl, advancedMatching: options.advancedMatching, consent: options.metaConsent, pageView: options.pageView ?? false }));
  page.run(googleTagSnippet(TAG, { scriptUrl: emulator.google.gtagScriptUrl, consentDefault: options.consentDefault }));
  await page.load(emulator.meta.pixelScriptUrl);
  await page.load(emulator.google.gtagScriptUrl);
  return page;
}

async function tiktokViewContent(eventId: string): Promise<void> {
  const body = { event_source: 'web', event_source_id: 'TTPIX', data: [{ event: 'ViewContent', event_time: Math.floor(Date.now() / 1000), event_id: eventId, page: { url: PRODUCT }, user: { ip: IP, user_agent: UA, ttp: 'x_.tt.1' } }] };
  const res = await fetch(emulator.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'access-token': 'tt-token' }, body: JSON.stringify(body) });
  expect((await res.json()).code).toBe(0);
  const call = { callId: 'tt-1', pixelId: 'TTPIX', method: 'track', event: 'ViewContent', eventId, status: 'sent', consent: 'granted', ttp: 'x_.tt.1', url: PRODUCT, time: Date.now() };
  expect((await fetch(`${emulator.url}/pixel/collect`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(call) })).status).toBe(204);
}

describe('Test Events pairs across TikTok, Meta and Google', () => {
  it('pairs each destination by its own key, with its own match keys, summary and match quality', async () => {
    const jar: CookieJar = new Map([['_fbc', FBC]]);
    await tiktokViewContent('view_1');
    const product = await shopPage(`${PRODUCT}?fbclid=IwAR2F4-Case_kept&gclid=EAIaIQobChMI_gclid`, jar, { pageView: 'pv_1' });
    product.run(`fbq('track', 'ViewContent', { content_ids: ['sku-481'] }, { eventID: 'view_1' });
      fbq('track', 'AddToCart', { value: 42.5, currency: 'EUR' }, { eventID: 'cart_1' });`);
    await product.settle();
    const fbp = jar.get('_fbp')!;
    expect(fbp).toMatch(/^fb\.1\.\d{13}\.\d+$/);
    const thanks = await shopPage(THANKS, jar, { advancedMatching: { em: sha('john_smith@gmail.com'), ph: sha('16505551212') } });
    thanks.run(`fbq('track', 'Purchase', { value: 42.5, currency: 'EUR' }, { eventID: 'ord_1' });
      gtag('set', 'user_data', { sha256_email_address: '${sha('johnsmith@gmail.com')}' });
      gtag('event', 'conversion', { send_to: '${TAG}/PurchaseLbl', transaction_id: 'ord_1', value: 42.5, currency: 'EUR' });`);
    await thanks.settle();

    const browserIds = { fbc: FBC, fbp };
    await sendMeta(emulator, PIXEL, [
      metaEvent('PageView', 'pv_1', `${PRODUCT}?fbclid=IwAR2F4-Case_kept&gclid=EAIaIQobChMI_gclid`, browserIds),
      metaEvent('ViewContent', 'view_1', PRODUCT, browserIds, { custom_data: { content_ids: ['sku-481'] } }),
      metaEvent('AddToCart', 'cart_1', PRODUCT, browserIds, { custom_data: { value: 42.5, currency: 'EUR' } }),
      metaEvent('Purchase', 'ord_1', THANKS, { ...browserIds, em: [sha('john_smith@gmail.com')], ph: [sha('16505551212')], external_id: [sha('cust-1')] }, { custom_data: { value: 42.5, currency: 'EUR', order_id: '10492' } }),
    ]);
    await sendGoogle(emulator, token, ACCOUNT, PURCHASE_ACTION, [googleEvent('ord_1')]);

    const report = await pairsOver();
    expect(report.destinations.map((d) => [d.destination, d.name, d.summary.pairs, d.summary.ok, d.summary.paired])).toEqual([
      ['tiktok', 'TikTok', 1, 1, 1], ['meta', 'Meta', 4, 4, 4], ['google', 'Google Ads', 1, 1, 1],
    ]);
    expect(report.summary).toMatchObject({ pairs: 6, paired: 6, ok: 6, attention: 0, broken: 0, headline: 'All 6 events are correct.' });
    expect(report.destinations.find((d) => d.destination === 'meta')!.summary.headline).toBe('All 4 events are correct.');

    const purchase = find(report, 'meta', 'ord_1')!;
    expect(purchase).toMatchObject({
      account: PIXEL, event: 'Purchase', verdict: 'ok', code: 'paired', pixelState: { state: 'sent' },
      pixel: { sent: 1, status: 'sent', consent: 'default', matchKeys: { em: true, ph: true, external_id: false, fbc: true, fbp: true }, url: THANKS, targets: [] },
      server: { count: 1, testEventCode: null, url: THANKS, matchKeys: { em: true, ph: true, external_id: true, fbc: true, fbp: true, client_ip_address: true, client_user_agent: true } },
    });
    expect(purchase.server!.consent.text[0]).toBe('Ad data: Meta has no consent field');
    // TikTok's ViewContent and Meta's share the event id: two pairs, one per destination.
    expect([find(report, 'tiktok', 'view_1'), find(report, 'meta', 'view_1')].map((p) => [p?.verdict, p?.code])).toEqual([['ok', 'paired'], ['ok', 'paired']]);

    const google = find(report, 'google', 'ord_1')!;
    expect(google).toMatchObject({
      account: ACCOUNT, event: 'conversion', verdict: 'ok', code: 'paired', pixelState: { text: 'Sent' },
      pixel: { status: 'sent', cookieless: false, targets: [`${TAG}/PurchaseLbl`], matchKeys: { email: true, phone: false, address: false } },
      server: { count: 1, targets: [PURCHASE_ACTION], matchKeys: { email: true, phone: true, address: false, gclid: true, ip: true, user_agent: true }, consent: { adUserData: 'granted' } },
    });
    // Google has no Limited Data Use flag: no line for it.
    expect(google.server!.consent.text).toEqual(['Ad data: granted', 'Personalised ads: granted']);
    expect(google.reason).toContain('Google Ads counts the action once');

    const quality = (destination: string, event: string) => report.matchQuality.find((q) => q.destination === destination && q.event === event);
    expect(quality('meta', 'Purchase')).toMatchObject({ level: 'identified', serverCopies: 1, browserCopies: 1 });
    expect(quality('meta', 'ViewContent')).toMatchObject({ level: 'anonymous', text: expect.stringContaining('click id (fbc), cookie id (fbp), IP address, user agent') });
    expect(quality('google', 'conversion')).toMatchObject({ level: 'identified', text: expect.stringContaining('email, phone, click id (gclid)') });
    expect(report.matchQuality.map((q) => q.destination)).toEqual(['tiktok', 'meta', 'meta', 'meta', 'meta', 'google']);

    // emulator.pairs() reads the same records.
    expect(emulator.pairs().pairs.map((p) => `${p.destination}:${p.event}:${p.eventId}`).sort()).toEqual(report.pairs.map((p) => `${p.destination}:${p.event}:${p.eventId}`).sort());
  });

  it("reads a Meta PageView sent from the browser only as OK (Meta needs no server copy of it), but not any other browser-only fire", async () => {
    const jar: CookieJar = new Map();
    const page = await shopPage(PRODUCT, jar, { pageView: 'pv_only' });
    page.run(`fbq('track', 'ViewContent', {}, { eventID: 'view_only' });`);
    await page.settle();
    await expect.poll(() => emulator.meta.records().pixel.filter((c) => c.method === 'track').length).toBe(2);
    const later = pairedLater();
    expect(find(later, 'meta', 'pv_only')).toMatchObject({ verdict: 'ok', code: 'browser_only', reason: expect.stringContaining('Meta counts it from the Meta Pixel'), serverState: { text: 'None needed' } });
    expect(find(later, 'meta', 'view_only')).toMatchObject({ verdict: 'broken', code: 'server_missing' });
  });

  it('reads consent states that are correct by design as OK: fbq held by revoke, a cookieless tag ping, CONSENT_DENIED server copies', async () => {
    const jar: CookieJar = new Map();
    const refused = { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };
    // The page revokes before init, so the base code's PageView is held, and the tag is told the refusal.
    const product = await shopPage(PRODUCT, jar, { metaConsent: 'revoke', pageView: 'pv_2', consentDefault: refused });
    product.fire('pagehide');
    const thanks = await shopPage(THANKS, jar, { metaConsent: 'revoke', consentDefault: refused });
    thanks.run(`fbq('track', 'Purchase', { value: 42.5, currency: 'EUR' }, { eventID: 'ord_2' });
      gtag('event', 'conversion', { send_to: '${TAG}/PurchaseLbl', transaction_id: 'ord_2', value: 42.5, currency: 'EUR' });`);
    await Promise.all([product.settle(), thanks.settle()]);
    expect(jar.has('_fbp')).toBe(false);

    // pixelpair's server for a refusal: Meta gets IP and user agent only, opt_out; Google CONSENT_DENIED with the gclid only.
    await sendMeta(emulator, PIXEL, [
      metaEvent('PageView', 'pv_2', PRODUCT, {}, { opt_out: true }),
      metaEvent('ViewContent', 'view_2', PRODUCT, {}, { opt_out: true }),
      metaEvent('Purchase', 'ord_2', THANKS, {}, { opt_out: true, custom_data: { value: 42.5, currency: 'EUR' } }),
    ]);
    const denied = { consent: { adUserData: 'CONSENT_DENIED', adPersonalization: 'CONSENT_DENIED' }, userData: undefined, eventDeviceInfo: { userAgent: UA } };
    await sendGoogle(emulator, token, ACCOUNT, PURCHASE_ACTION, [googleEvent('ord_2', denied), googleEvent('ord_3', denied)]);

    const report = await pairsOver();
    expect(report.summary).toMatchObject({ pairs: 5, ok: 5, attention: 0, broken: 0 });
    expect(find(report, 'meta', 'pv_2')).toMatchObject({ code: 'pixel_not_sent', pixel: { status: 'dropped', consent: 'revoked' }, pixelState: { state: 'not_sent_by_consent' } });
    expect(find(report, 'meta', 'ord_2')).toMatchObject({ code: 'pixel_not_sent', pixel: { status: 'held' }, pixelState: { text: 'Not sent, by consent (held)' } });
    expect(codes(find(report, 'meta', 'ord_2'))).toEqual(['pixel_not_sent', 'anonymous_by_consent']);
    // No fbq fire at all (pixelpair keeps it in the page): the page's revoke explains it.
    expect(find(report, 'meta', 'view_2')).toMatchObject({ pixel: null, code: 'pixel_not_sent', findings: [{ detail: expect.stringContaining('the page recorded a consent refusal') }, { code: 'anonymous_by_consent' }] });
    expect(find(report, 'meta', 'ord_2')!.server!.consent.text).toEqual(['Ad data: Meta has no consent field', 'Personalised ads: refused', 'Limited data use: not set (same as off)']);

    const ping = find(report, 'google', 'ord_2')!;
    expect(ping).toMatchObject({ verdict: 'ok', code: 'paired', pixel: { status: 'sent', cookieless: true, consent: 'revoked' }, pixelState: { text: 'Sent without cookies (ad storage refused)' } });
    expect(codes(ping)).toEqual(['paired', 'anonymous_by_consent']);
    expect(find(report, 'google', 'ord_3')).toMatchObject({ pixel: null, code: 'pixel_not_sent', findings: [{ detail: expect.stringContaining('ad_user_data denied') }, { code: 'anonymous_by_consent' }] });

    // Control: a tag that was never told the refusal sends with ad data, and that is a mismatch.
    const unaware = await shopPage(THANKS, new Map());
    unaware.run(`gtag('event', 'conversion', { send_to: '${TAG}/PurchaseLbl', transaction_id: 'ord_4' });`);
    await unaware.settle();
    await sendGoogle(emulator, token, ACCOUNT, PURCHASE_ACTION, [googleEvent('ord_4', denied)]);
    expect(find(await pairsOver(), 'google', 'ord_4')).toMatchObject({ verdict: 'attention', code: 'consent_mismatch', pixel: { consent: 'default' } });
  });

  it('detects a broken pair on each platform: a Meta name mismatch, a Google transaction id that differs in case, data sent after a refusal', async () => {
    const page = await shopPage(THANKS, new Map(), { advancedMatching: { em: sha('a@b.example') } });
    page.run(`fbq('track', 'Purchase', { value: 10, currency: 'EUR' }, { eventID: 'ord_7' });
      fbq('track', 'Lead', {}, { event_id: 'lead_8' });
      gtag('event', 'conversion', { send_to: '${TAG}/PurchaseLbl', transaction_id: 'ORD-10492', value: 10, currency: 'EUR' });`);
    await page.settle();
    // The backend reused TikTok's name for Meta, lower-cased the order id for Google, and sent an email despite the refusal.
    await sendMeta(emulator, PIXEL, [
      metaEvent('CompletePayment', 'ord_7', THANKS, { em: [sha('a@b.example')] }, { custom_data: { value: 10, currency: 'EUR' } }),
      metaEvent('Lead', 'lead_8', THANKS, { em: [sha('a@b.example')] }),
    ]);
    await sendGoogle(emulator, token, ACCOUNT, PURCHASE_ACTION, [googleEvent('ord-10492'), googleEvent('ord_11', { consent: { adUserData: 'CONSENT_DENIED', adPersonalization: 'CONSENT_DENIED' } })]);

    const now = await pairsOver();
    expect(find(now, 'meta', 'ord_7', 'Purchase')).toMatchObject({ verdict: 'broken', code: 'name_mismatch', reason: 'The browser sent Purchase and the server sent CompletePayment for the same action, so Meta counts it twice.' });
    expect(find(now, 'meta', 'ord_7', 'CompletePayment')).toMatchObject({ verdict: 'broken', code: 'name_mismatch' });
    expect(find(now, 'google', 'ord_11')).toMatchObject({ verdict: 'broken', code: 'user_data_despite_refusal', reason: expect.stringContaining('email, phone') });

    // Once each copy had its minute for a twin, the differing ids are lost pairs on both sides.
    const later = pairedLater();
    expect(find(later, 'google', 'ORD-10492')).toMatchObject({ account: TAG, verdict: 'broken', code: 'server_missing', reason: expect.stringContaining('Google tag') });
    expect(find(later, 'google', 'ord-10492')).toMatchObject({ account: ACCOUNT, code: 'pixel_missing' });
    // fbq's eventID spelt as TikTok's event_id: the browser copy has no id Meta can deduplicate on.
    expect(find(later, 'meta', 'lead_8')).toMatchObject({ pixel: null, code: 'pixel_missing' });
    expect(later.unkeyed.pixelWithoutEventId).toBe(1);
    expect(later.summary.broken).toBe(4);
    // The headline names the platforms that miscount, the page's groups each their own.
    expect(later.summary.headline).toMatch(/^4 of 6 events are broken: Meta and Google Ads will count them wrongly/);
    expect(later.destinations.map((d) => d.summary.headline.slice(0, 40))).toEqual(['2 of 3 events are broken: Meta will coun', '2 of 3 events are broken: Google Ads wil']);
  });

  it('filters by Meta test_event_code on both sides; Google has validateOnly instead, which never pairs', async () => {
    const jar: CookieJar = new Map();
    const page = await shopPage(THANKS, jar);
    page.run(`fbq('track', 'Lead', {}, { eventID: 'lead_t' });
      fbq('track', 'Lead', {}, { eventID: 'lead_live' });
      fbq('track', 'Search', { search_string: 'socks' }, { eventID: 'search_t' });
      gtag('event', 'conversion', { send_to: '${TAG}/PurchaseLbl', transaction_id: 'ord_9' });
      gtag('event', 'conversion', { send_to: '${TAG}/PurchaseLbl', transaction_id: 'ord_10' });`);
    await page.settle();
    const fbp = jar.get('_fbp')!;
    await tiktokViewContent('view_live');
    await sendMeta(emulator, PIXEL, [metaEvent('Lead', 'lead_t', THANKS, { fbp, em: [sha('a@b.example')] })], 'TEST42');
    await sendMeta(emulator, PIXEL, [metaEvent('Lead', 'lead_live', THANKS, { fbp, em: [sha('a@b.example')] })]);
    await sendGoogle(emulator, token, ACCOUNT, PURCHASE_ACTION, [googleEvent('ord_9')]);
    await sendGoogle(emulator, token, ACCOUNT, PURCHASE_ACTION, [googleEvent('ord_10')], { validateOnly: true });

    const filtered = await pairsOver('?test_event_code=TEST42');
    expect(filtered.pairs.map((p) => [p.destination, p.eventId, p.verdict, p.code]).sort()).toEqual([
      ['meta', 'lead_t', 'ok', 'paired'],
      // No server copy, but the same _fbp sent a server copy under TEST42: kept, so a lost copy stays visible.
      ['meta', 'search_t', 'attention', 'server_pending'],
    ]);
    // Hidden: Meta lead_live, TikTok view_live and Google ord_9 paired without the code; Google ord_10 (its server copy was validateOnly).
    expect(filtered.filter).toMatchObject({ testEventCode: 'TEST42', pixelPairedElsewhere: 3, pixelUnattributed: 1 });
    expect(filtered.filter.rule).toContain('validateOnly, ingests nothing');
    expect(filtered.notIngested).toBe(1);
    expect(emulator.pairs({ testEventCode: 'TEST42' }).pairs).toHaveLength(2);

    const all = await pairsOver();
    expect(find(all, 'google', 'ord_9')).toMatchObject({ code: 'paired' });
    // The validateOnly copy was never ingested, so only the tag copy is there, waiting in vain.
    expect(find(all, 'google', 'ord_10')).toMatchObject({ server: null, code: 'server_pending' });
    expect(all.notIngested).toBe(1);
    expect(all.destinations.find((d) => d.destination === 'google')!.note).toContain('validateOnly, ingests nothing, so those requests never pair');
  });
});
