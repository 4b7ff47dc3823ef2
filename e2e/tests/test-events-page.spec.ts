/**
 * Issues 6 and 13: the stand-in's Test Events page in a real browser, after real journeys on
 * the demo store. The accepted, rejected-consent and test-code-filtered views each show the
 * right verdict on every pair, the page shows what the JSON API says, and nothing is cut off
 * at 390 px. Screenshots of each view, at desktop and phone width, go to e2e/artifacts/.
 */
import path from 'node:path';
import { createHash, createSign, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createDemoStore, createPaymentProvider, LOCAL_ACCESS_TOKEN, LOCAL_PIXEL_ID } from '@pixelpair/demo-store';
import type { Demo } from '@pixelpair/demo-store';
import { DATAMANAGER_SCOPE, GOOGLE_TOKEN_URL, googleTagSnippet, metaBaseCode } from '@pixelpair/emulator';
import type { Emulator, PairsReport } from '@pixelpair/emulator';
import { expect, test } from './support/fixtures.js';
import { buyOne } from './support/buy.js';
import { eventually } from './support/eventually.js';
import type { Records } from './support/records.js';

const artifacts = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'artifacts');
const JOURNEY = ['ViewContent', 'AddToCart', 'InitiateCheckout', 'CompletePayment'];

/** Waits until the outbox delivered every server copy and the pixel stub's beacons landed. */
async function settle(records: Records, demo: Demo, sentTracks: number): Promise<void> {
  await records.settled();
  await eventually(() => JOURNEY.every((event) => records.serverEvents().some((e) => e.event === event)), 'the four server copies');
  await eventually(() => records.sentTracks().length >= sentTracks, `${sentTracks} pixel copies`);
  await demo.store.delivery.idle();
}

async function openTestEvents(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body[data-ready="1"]')).toBeVisible();
}

/** The same verdicts as the JSON API, row by row. */
async function expectPageMatchesApi(page: Page, apiUrl: string): Promise<PairsReport> {
  const report = (await (await fetch(apiUrl)).json()) as PairsReport;
  const rows = page.locator('tr[data-testid="pair"]');
  await expect(rows).toHaveCount(report.pairs.length);
  for (const pair of report.pairs) {
    const row = page.locator(`tr[data-testid="pair"][data-destination="${pair.destination}"][data-event-id="${pair.eventId}"][data-event="${pair.event}"]`);
    await expect(row).toHaveAttribute('data-verdict', pair.verdict);
    await expect(row).toHaveAttribute('data-code', pair.code);
    await expect(row).toContainText(pair.reason);
  }
  for (const verdict of ['ok', 'attention', 'broken'] as const) {
    await expect(page.locator(`#counts li[data-verdict="${verdict}"] b`)).toHaveText(String(report.summary[verdict]));
  }
  await expect(page.locator('#headline')).toHaveText(report.summary.headline);
  return report;
}

/** Desktop and 390 px screenshots; at 390 px nothing may stick out to the side. */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.locator('tr[data-testid="pair"]').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'horizontal overflow at 390 px').toBe(0);
  const cut = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.tagName + '.' + e.className));
  expect(cut, 'elements cut off at 390 px').toEqual([]);
  await page.screenshot({ path: path.join(artifacts, `${name}-390.png`), fullPage: true });
}

test('the Test Events page shows the purchase pair with both copies and no pairing warning', async ({ page, demo, records }) => {
  const bought = await buyOne(page, demo);
  const eventId = `ord_${bought.orderId}_complete_payment`;
  await eventually(() => records.serverEvent('CompletePayment', eventId), 'the server copy');
  await eventually(() => records.sentTracks().find((c) => c.eventId === eventId), 'the pixel copy');

  await page.goto(demo.urls.testEvents!);
  await expect(page.locator('body[data-ready="1"]')).toBeVisible();
  const row = page.locator(`[data-testid="pair"][data-event-id="${eventId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-event', 'CompletePayment');
  const warnings = (await row.getAttribute('data-warnings')) ?? '';
  expect(warnings).not.toMatch(/missing|mismatch/);
  await expect(row).toContainText('accepted');
  await expect(row).toContainText('sent');
  await expect(row).toContainText('merged');
  await expect(page.locator('#summary')).toContainText('paired');
  await page.screenshot({ path: path.join(artifacts, 'test-events.png'), fullPage: true });
});

test('accepted journey: every pair is OK, anonymous browsing events included, and the purchase is identified', async ({ page, demo, records }) => {
  const bought = await buyOne(page, demo, { consent: 'accept' });
  await settle(records, demo, 4);
  await openTestEvents(page, demo.urls.testEvents!);
  const report = await expectPageMatchesApi(page, `${demo.emulator!.url}/__emulator/pairs`);

  expect(report.pairs.map((p) => [p.event, p.verdict]).sort()).toEqual(JOURNEY.map((e) => [e, 'ok']).sort());
  expect(report.summary).toMatchObject({ ok: 4, attention: 0, broken: 0, paired: 4 });
  await expect(page.locator('#headline')).toHaveText('All 4 events are correct.');
  const view = page.locator(`tr[data-testid="pair"][data-event-id="${bought.view.eventId}"]`);
  await expect(view).toHaveAttribute('data-warnings', '');
  await expect(view.locator('li[data-code="anonymous_upper_funnel"]')).toContainText('Anonymous, as expected for ViewContent');
  const purchase = page.locator(`tr[data-testid="pair"][data-event-id="${bought.purchase.eventId}"]`);
  await expect(purchase).toContainText('Both copies arrived');
  await expect(purchase).toContainText('Limited data use: not set (same as off)');
  await expect(page.locator('tr[data-testid="quality"][data-event="CompletePayment"]')).toHaveAttribute('data-level', 'identified');
  await expect(page.locator('tr[data-testid="quality"][data-event="ViewContent"]')).toContainText('normal before the shopper says who they are');
  await expect(page.locator('main')).not.toContainText(/\bnull\b|\bundefined\b/);
  await page.locator('#help summary').click();
  await expect(page.locator('#help-pairs')).toContainText('TikTok: the TikTok Pixel copy and the Events API copy of one action, matched by pixel id + event + event_id.');
  await screenshots(page, 'test-events-accepted');
});

test('rejected consent: every pair reads "not sent, by consent", OK, with no missing pixel copy', async ({ page, demo, records }) => {
  await buyOne(page, demo, { consent: 'reject' });
  await settle(records, demo, 0);
  expect(records.pixelCalls().some((c) => c.method === 'revokeConsent')).toBe(true);
  await openTestEvents(page, demo.urls.testEvents!);
  const report = await expectPageMatchesApi(page, `${demo.emulator!.url}/__emulator/pairs`);

  expect(report.pairs.map((p) => [p.event, p.verdict, p.code]).sort()).toEqual(JOURNEY.map((e) => [e, 'ok', 'pixel_not_sent']).sort());
  const rows = page.locator('tr[data-testid="pair"]');
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-warnings', '');
    await expect(row).toContainText('Not sent, by consent');
    await expect(row).toContainText('Ad data: refused');
    await expect(row).toContainText('Limited data use: on');
    await expect(row).not.toContainText(/missing|No pixel copy/i);
  }
  await expect(page.locator('#headline')).toHaveText('All 4 events are correct: 4 not sent by the browser, by consent.');
  // The developer detail names the evidence, and stays open across the page's 2 s refresh.
  const dev = rows.first().locator('details.dev');
  await dev.locator('summary').click();
  await expect(dev).toContainText('pixel_not_sent pixel silent by consent, as expected: the server copy declares ad_user_data denied and the page recorded a consent refusal');
  const updated = await page.locator('#updated').textContent();
  await expect(page.locator('#updated')).not.toHaveText(updated!, { timeout: 10_000 });
  await expect(rows.first().locator('details.dev')).toHaveAttribute('open', '');
  await expect(page.locator('tr[data-testid="quality"][data-event="CompletePayment"]')).toContainText('withheld, because the shopper refused ad data');
  await expect(page.locator('main')).not.toContainText(/\bnull\b|\bundefined\b/);
  await screenshots(page, 'test-events-rejected');
});

test('test-code filter: both sides are filtered, so the test journey pairs fully and the live one is hidden', async ({ page, browser, demo, records }) => {
  const emulator = demo.emulator!;
  const secret = randomBytes(16).toString('hex');
  const payment = await createPaymentProvider({ secret, host: '127.0.0.1' });
  const testStore = await createDemoStore({
    apiUrl: emulator.apiUrl, accessToken: LOCAL_ACCESS_TOKEN, pixelId: LOCAL_PIXEL_ID, testEventCode: 'TEST123',
    pixelScriptUrl: emulator.pixelScriptUrl, testEventsUrl: emulator.testEventsUrl, paymentOrigin: payment.url, paymentSecret: secret, host: '127.0.0.1',
  });
  // A second browser, so the two shoppers share no cookies (_ttp, cart) across the two stores on one host.
  const testContext = await browser.newContext();
  try {
    await buyOne(page, demo);
    await settle(records, demo, 4);
    const testPage = await testContext.newPage();
    const bought = await buyOne(testPage, { urls: { ...demo.urls, store: testStore.url, payment: payment.url } });
    await testStore.delivery.idle();
    await eventually(() => records.serverEvents().filter((e) => e.testEventCode === 'TEST123').length === 4, 'the four TEST123 server copies');
    await eventually(() => records.sentTracks().length >= 8, 'eight pixel copies');

    await openTestEvents(page, `${emulator.testEventsUrl}?test_event_code=TEST123`);
    const report = await expectPageMatchesApi(page, `${emulator.url}/__emulator/pairs?test_event_code=TEST123`);
    expect(report.pairs.map((p) => [p.event, p.verdict, p.server?.testEventCode]).sort()).toEqual(JOURNEY.map((e) => [e, 'ok', 'TEST123']).sort());
    expect(report.pairs.map((p) => p.eventId)).toContain(bought.purchase.eventId);
    expect(report.summary.warnings).toEqual({});
    await expect(page.locator('#code')).toHaveValue('TEST123');
    await expect(page.locator('#filter-note')).toHaveText('Showing test event code TEST123 on both sides. Hidden: 4 browser copies whose server copy was sent without this code or with another.');
    await expect(page.locator('#help-filter')).toContainText("its pair's server copy was sent with that code");
    await screenshots(page, 'test-events-filtered');

    // The same data without the filter: both journeys, eight pairs, all OK.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('#clear').click();
    await page.waitForURL((url) => url.pathname === '/test-events' && !url.search);
    await expect(page.locator('body[data-ready="1"]')).toBeVisible();
    await expect(page.locator('tr[data-testid="pair"]')).toHaveCount(8);
    await expect(page.locator('tr[data-testid="pair"][data-verdict="ok"]')).toHaveCount(8);
  } finally {
    await testContext.close();
    await testStore.close();
    await payment.close();
  }
});

const sha = (value: string) => createHash('sha256').update(value).digest('hex');

/** A Data Manager bearer token from the stand-in, for an assertion signed as google-auth-library signs it. */
async function googleToken(emulator: Emulator): Promise<string> {
  const key = emulator.google.serviceAccountKey();
  const now = Math.floor(Date.now() / 1000);
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: key.client_email, scope: DATAMANAGER_SCOPE, aud: GOOGLE_TOKEN_URL, iat: now, exp: now + 3600 })}`;
  const assertion = `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key.private_key).toString('base64url')}`;
  const res = await fetch(emulator.google.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(res.status, `${url}: ${await res.clone().text()}`).toBe(200);
}

test('Meta and Google pairs: one group per destination with its own headline, the send_to label and the conversion action, readable at 390 px', async ({ page, demo, harness, records }) => {
  void records; // cleared before the test
  const emulator = demo.emulator!;
  const PIXEL = '1234567890123456';
  const TAG = 'AW-123456789';
  const ACCOUNT = '1234567890';
  const ACTION = '987654321';
  // The real fbq and gtag stubs, loaded by Meta's base code and Google's snippet, in real Chromium.
  const url = harness.page('/destinations/thanks', `<!doctype html><html><head><meta charset="utf-8"><title>Thanks</title>
<script>${metaBaseCode(PIXEL, { scriptUrl: emulator.meta.pixelScriptUrl, advancedMatching: { em: sha('john_smith@gmail.com') }, pageView: false })}</script>
<script>${googleTagSnippet(TAG, { scriptUrl: emulator.google.gtagScriptUrl })}</script></head><body><h1>Thank you</h1></body></html>`);
  await page.goto(url);
  await page.evaluate(([tag]) => {
    const w = window as unknown as { fbq: (...a: unknown[]) => void; gtag: (...a: unknown[]) => void };
    w.fbq('track', 'ViewContent', { content_ids: ['sku-481'] }, { eventID: 'view_e1' });
    w.fbq('track', 'Purchase', { value: 42.5, currency: 'EUR' }, { eventID: 'ord_e1' });
    w.fbq('track', 'Purchase', { value: 10, currency: 'EUR' }, { eventID: 'ord_e2' });
    w.gtag('event', 'conversion', { send_to: `${tag}/PurchaseLbl`, transaction_id: 'ord_e1', value: 42.5, currency: 'EUR' });
    // The shopper then refuses: the tag is told, and its next conversion goes out without cookies.
    w.gtag('consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
    w.gtag('event', 'conversion', { send_to: `${tag}/PurchaseLbl`, transaction_id: 'ord_e3', value: 10, currency: 'EUR' });
  }, [TAG]);
  await eventually(() => emulator.meta.records().pixel.filter((c) => c.method === 'track').length === 3, 'three fbq fires');
  await eventually(() => emulator.google.records().tag.filter((c) => c.conversion).length === 2, 'two tag conversions');

  const fbp = emulator.meta.records().pixel.find((c) => c.method === 'track')!.fbp!;
  const time = Math.floor(Date.now() / 1000);
  const user = { client_ip_address: '203.0.113.24', client_user_agent: 'Mozilla/5.0', fbp };
  const capi = (event_name: string, event_id: string, extra: Record<string, unknown> = {}) => ({ event_name, event_time: time, event_id, action_source: 'website', event_source_url: url, user_data: user, ...extra });
  await postJson(emulator.meta.apiUrl(PIXEL), { access_token: 'meta-token', data: [
    capi('ViewContent', 'view_e1'),
    capi('Purchase', 'ord_e1', { user_data: { ...user, em: [sha('john_smith@gmail.com')] }, custom_data: { value: 42.5, currency: 'EUR' } }),
    // The backend reused TikTok's name for Meta: a broken pair.
    capi('CompletePayment', 'ord_e2', { custom_data: { value: 10, currency: 'EUR' } }),
  ] });
  const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const google = (transactionId: string, extra: Record<string, unknown>) => ({ transactionId, eventTimestamp: stamp, eventSource: 'WEB', conversionValue: 42.5, currency: 'EUR', adIdentifiers: { gclid: 'EAIaIQob_e2e' }, eventDeviceInfo: { userAgent: 'Mozilla/5.0' }, ...extra });
  await postJson(emulator.google.apiUrl, {
    destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT }, productDestinationId: ACTION }], encoding: 'HEX',
    events: [
      google('ord_e1', { userData: { userIdentifiers: [{ emailAddress: sha('johnsmith@gmail.com') }] }, consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' } }),
      google('ord_e3', { consent: { adUserData: 'CONSENT_DENIED', adPersonalization: 'CONSENT_DENIED' } }),
    ],
  }, { authorization: `Bearer ${await googleToken(emulator)}` });

  await openTestEvents(page, emulator.testEventsUrl);
  const report = await expectPageMatchesApi(page, `${emulator.url}/__emulator/pairs`);
  expect(report.pairs.map((p) => [p.destination, p.event, p.eventId, p.code]).sort()).toEqual([
    ['google', 'conversion', 'ord_e1', 'paired'], ['google', 'conversion', 'ord_e3', 'paired'],
    ['meta', 'CompletePayment', 'ord_e2', 'name_mismatch'], ['meta', 'Purchase', 'ord_e1', 'paired'], ['meta', 'Purchase', 'ord_e2', 'name_mismatch'], ['meta', 'ViewContent', 'view_e1', 'paired'],
  ]);
  await expect(page.locator('#headline')).toHaveText(/^2 of 6 events are broken: Meta will count them wrongly/);
  await expect(page.locator('tr[data-testid="destination-group"]')).toHaveCount(2);
  await expect(page.locator('#group-meta')).toContainText('Meta Pixel + Conversions API');
  await expect(page.locator('#group-meta')).toContainText('2 of 4 events are broken: Meta will count them wrongly');
  await expect(page.locator('#group-google')).toContainText('All 2 events are correct.');
  await expect(page.locator('#destinations li[data-destination]')).toHaveText([/^Meta\s*4 events · 2 ok · 2 broken$/, /^Google Ads\s*2 events · 2 ok$/]);
  // Rows sit under their own group, in destination order.
  const order = await page.locator('#rows > tr').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-testid')}:${tr.getAttribute('data-destination')}`));
  expect(order).toEqual(['destination-group:meta', ...Array(4).fill('pair:meta'), 'destination-group:google', 'pair:google', 'pair:google']);
  const paired = page.locator('tr[data-testid="pair"][data-destination="google"][data-event-id="ord_e1"]');
  await expect(paired).toContainText(`send_to ${TAG}/PurchaseLbl`);
  await expect(paired).toContainText(`conversion action ${ACTION}`);
  await expect(paired).toContainText(`Google Ads ${ACCOUNT}`);
  const cookieless = page.locator('tr[data-testid="pair"][data-destination="google"][data-event-id="ord_e3"]');
  await expect(cookieless).toContainText('Sent without cookies (ad storage refused)');
  await expect(cookieless).toHaveAttribute('data-verdict', 'ok');
  await expect(page.locator('tr[data-testid="pair"][data-destination="meta"][data-event-id="ord_e1"]')).toContainText('Ad data: Meta has no consent field');
  await expect(page.locator('tr[data-testid="quality"][data-destination="meta"][data-event="Purchase"]')).toHaveAttribute('data-level', 'identified');
  await expect(page.locator('tr[data-testid="quality"][data-destination="google"][data-event="conversion"]')).toContainText('Google Ads');
  await page.locator('#help summary').click();
  await expect(page.locator('#help-pairs')).toContainText('cannot be mapped to a conversion action id here, so this page pairs by transaction id within the Google Ads account');
  await expect(page.locator('#help-pairs')).toContainText('validateOnly, ingests nothing, so those requests never pair');
  await expect(page.locator('main')).not.toContainText(/\bnull\b|\bundefined\b/);
  await screenshots(page, 'test-events-destinations');
});
