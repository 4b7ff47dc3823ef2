/**
 * Issues 6, 9, 10 and 13: the stand-in's Test Events page in a real browser, after real
 * journeys on the demo store, which runs TikTok, Meta and Google: each action shows up to three
 * pairs, one per platform, grouped by platform. The accepted, rejected-consent and
 * test-code-filtered views each show the right verdict on every pair, the page shows what the
 * JSON API says, and nothing is cut off at 390 px. Screenshots of each view, at desktop and
 * phone width, go to e2e/artifacts/.
 */
import { randomBytes } from 'node:crypto';
import { createDemoStore, createPaymentProvider, LOCAL_ACCESS_TOKEN, LOCAL_GOOGLE_CONVERSIONS, LOCAL_GOOGLE_TAG_ID, LOCAL_PIXEL_ID, standInPlatforms } from '@pixelpair/demo-store';
import type { Demo } from '@pixelpair/demo-store';
import { expect, test } from './support/fixtures.js';
import { buyOne, clickId } from './support/buy.js';
import type { BuyOptions } from './support/buy.js';
import { eventually } from './support/eventually.js';
import type { Records } from './support/records.js';
import { artifactPath, expectPageMatchesApi, openTestEvents, screenshots } from './support/test-events.js';

const JOURNEY = ['ViewContent', 'AddToCart', 'InitiateCheckout', 'CompletePayment'];
/** The same journey as each platform's pairs: Meta's names, and Google's one conversion (the purchase; the shop maps no browsing event). */
const META_JOURNEY = ['ViewContent', 'AddToCart', 'InitiateCheckout', 'Purchase'];
const PAIRS = [...JOURNEY.map((e) => ['tiktok', e]), ...META_JOURNEY.map((e) => ['meta', e]), ['google', 'conversion']] as const;
/** A shopper who came from an ad on each platform. */
const fromAds = (): BuyOptions => ({ fbclid: clickId('IwAR'), gclid: clickId('Cj0KCQ') });

/** Waits until the outbox delivered every server copy on all three platforms and the stubs' beacons landed. */
async function settle(records: Records, demo: Demo, consent: 'accept' | 'reject'): Promise<void> {
  await records.settled();
  await eventually(() => JOURNEY.every((event) => records.serverEvents().some((e) => e.event === event)), 'the four TikTok server copies');
  await eventually(() => META_JOURNEY.every((event) => records.meta.serverEvents().some((e) => e.event === event)), 'the four Conversions API copies');
  await eventually(() => records.google.serverEvents().length >= 1, 'the Data Manager copy');
  if (consent === 'accept') {
    await eventually(() => records.sentTracks().length >= 4, 'four ttq copies');
    await eventually(() => records.meta.sentFires().filter((c) => c.event !== 'PageView').length >= 4, 'four fbq copies');
    await eventually(() => records.google.conversions().length >= 1, 'the tag conversion');
  } else {
    await eventually(() => records.meta.pixelCalls().some((c) => c.method === 'consent'), "fbq('consent', …)");
    await eventually(() => records.google.tagCalls().some((c) => c.command === 'consent' && c.event === 'update'), "gtag('consent', 'update', …)");
  }
  await demo.store.delivery.idle();
}

test('the Test Events page shows the purchase as three pairs, TikTok, Meta and Google, each with both copies and no pairing warning', async ({ page, demo, records }) => {
  const bought = await buyOne(page, demo, fromAds());
  const eventId = `ord_${bought.orderId}_complete_payment`;
  await eventually(() => records.serverEvent('CompletePayment', eventId), 'the server copy');
  await eventually(() => records.sentTracks().find((c) => c.eventId === eventId), 'the pixel copy');
  await eventually(() => records.meta.serverEvent('Purchase', eventId) && records.meta.sentFires().find((c) => c.eventId === eventId), 'the Meta pair');
  await eventually(() => records.google.serverEvent(eventId) && records.google.conversions().find((c) => c.transactionId === eventId), 'the Google pair');

  await page.goto(demo.urls.testEvents!);
  await expect(page.locator('body[data-ready="1"]')).toBeVisible();
  for (const [destination, event] of [['tiktok', 'CompletePayment'], ['meta', 'Purchase'], ['google', 'conversion']]) {
    const row = page.locator(`[data-testid="pair"][data-destination="${destination}"][data-event-id="${eventId}"]`);
    await expect(row, destination).toBeVisible();
    await expect(row).toHaveAttribute('data-event', event!);
    await expect(row).toHaveAttribute('data-verdict', 'ok');
    const warnings = (await row.getAttribute('data-warnings')) ?? '';
    expect(warnings, destination).not.toMatch(/missing|mismatch/);
    await expect(row).toContainText('accepted');
    await expect(row).toContainText('sent');
  }
  await expect(page.locator(`[data-testid="pair"][data-destination="tiktok"][data-event-id="${eventId}"]`)).toContainText('merged');
  await expect(page.locator(`[data-testid="pair"][data-destination="google"][data-event-id="${eventId}"]`)).toContainText(`send_to ${LOCAL_GOOGLE_TAG_ID}/${LOCAL_GOOGLE_CONVERSIONS.Purchase.label}`);
  await expect(page.locator('#summary')).toContainText('paired');
  await page.screenshot({ path: artifactPath('test-events.png'), fullPage: true });
});

test('accepted journey: every pair of the three platforms is OK, anonymous browsing events included, and the purchase is identified', async ({ page, demo, records }) => {
  const bought = await buyOne(page, demo, { consent: 'accept', ...fromAds() });
  await settle(records, demo, 'accept');
  await openTestEvents(page, demo.urls.testEvents!);
  const report = await expectPageMatchesApi(page, `${demo.emulator!.url}/__emulator/pairs`);

  // Meta's page views come from the browser only (one per page load: landing, product, cart, checkout, thank-you).
  const pageViews = report.pairs.filter((p) => p.destination === 'meta' && p.event === 'PageView');
  expect(pageViews.map((p) => [p.verdict, p.code])).toEqual(Array(5).fill(['ok', 'browser_only']));
  const total = PAIRS.length + pageViews.length;
  expect(report.pairs.filter((p) => p.event !== 'PageView').map((p) => [p.destination, p.event, p.verdict, p.code]).sort()).toEqual(PAIRS.map(([d, e]) => [d, e, 'ok', 'paired']).sort());
  expect(report.summary).toMatchObject({ ok: total, attention: 0, broken: 0, paired: PAIRS.length });
  await expect(page.locator('#headline')).toHaveText(`All ${total} events are correct.`);
  await expect(page.locator('tr[data-testid="destination-group"]')).toHaveCount(3);
  await expect(page.locator('#group-tiktok')).toContainText('All 4 events are correct.');
  await expect(page.locator('#group-meta')).toContainText(`All ${4 + pageViews.length} events are correct.`);
  await expect(page.locator(`tr[data-testid="pair"][data-destination="meta"][data-event-id="${pageViews[0]!.eventId}"]`)).toContainText('Browser only, as usual for PageView');
  await expect(page.locator('#group-google')).toContainText('The event is correct.');
  const view = page.locator(`tr[data-testid="pair"][data-destination="tiktok"][data-event-id="${bought.view.eventId}"]`);
  await expect(view).toHaveAttribute('data-warnings', '');
  await expect(view.locator('li[data-code="anonymous_upper_funnel"]')).toContainText('Anonymous, as expected for ViewContent');
  const purchase = page.locator(`tr[data-testid="pair"][data-destination="tiktok"][data-event-id="${bought.purchase.eventId}"]`);
  await expect(purchase).toContainText('Both copies arrived');
  await expect(purchase).toContainText('Limited data use: not set (same as off)');
  await expect(page.locator(`tr[data-testid="pair"][data-destination="meta"][data-event-id="${bought.purchase.eventId}"]`)).toContainText('Both copies arrived');
  await expect(page.locator(`tr[data-testid="pair"][data-destination="google"][data-event-id="${bought.purchase.eventId}"]`)).toContainText('Both copies arrived');
  await expect(page.locator('tr[data-testid="quality"][data-destination="tiktok"][data-event="CompletePayment"]')).toHaveAttribute('data-level', 'identified');
  await expect(page.locator('tr[data-testid="quality"][data-destination="meta"][data-event="Purchase"]')).toHaveAttribute('data-level', 'identified');
  await expect(page.locator('tr[data-testid="quality"][data-destination="tiktok"][data-event="ViewContent"]')).toContainText('normal before the shopper says who they are');
  await expect(page.locator('main')).not.toContainText(/\bnull\b|\bundefined\b/);
  await page.locator('#help summary').click();
  await expect(page.locator('#help-pairs')).toContainText('TikTok: the TikTok Pixel copy and the Events API copy of one action, matched by pixel id + event + event_id.');
  await screenshots(page, 'test-events-accepted');
});

test('rejected consent: every pair (TikTok, Meta and Google) is OK with its browser copy "not sent, by consent", none missing; Google\'s server copy declares the refusal', async ({ page, demo, records }) => {
  await buyOne(page, demo, { consent: 'reject', ...fromAds() });
  await settle(records, demo, 'reject');
  expect(records.pixelCalls().some((c) => c.method === 'revokeConsent')).toBe(true);
  await openTestEvents(page, demo.urls.testEvents!);
  const report = await expectPageMatchesApi(page, `${demo.emulator!.url}/__emulator/pairs`);

  // TikTok's and Meta's pixels held every fire; Google's tag was told "denied" and pixelpair never fired its conversion.
  // The server copies still go, with what the consent policy allows (Google's: the landing gclid, CONSENT_DENIED, no contact data).
  expect(report.pairs.map((p) => [p.destination, p.event, p.verdict, p.code]).sort()).toEqual(PAIRS.map(([d, e]) => [d, e, 'ok', 'pixel_not_sent']).sort());
  expect(records.google.tagCalls().some((c) => c.command === 'consent' && c.event === 'update' && c.consentArgs?.ad_user_data === 'denied')).toBe(true);
  await expect(page.locator('tr[data-testid="destination-group"]')).toHaveCount(3);
  const rows = page.locator('tr[data-testid="pair"]');
  await expect(rows).toHaveCount(PAIRS.length);
  for (const row of await rows.all()) {
    await expect(row).not.toContainText(/missing|No pixel copy/i);
    await expect(row).toHaveAttribute('data-warnings', '');
    await expect(row).toContainText('Not sent, by consent');
  }
  for (const row of await page.locator('tr[data-testid="pair"][data-destination="tiktok"]').all()) {
    await expect(row).toContainText('Ad data: refused');
    await expect(row).toContainText('Limited data use: on');
  }
  for (const row of await page.locator('tr[data-testid="pair"][data-destination="meta"]').all()) await expect(row).toContainText('Ad data: Meta has no consent field');
  const google = page.locator('tr[data-testid="pair"][data-destination="google"]');
  await expect(google).toHaveCount(1);
  await expect(google).toContainText('Ad data: refused');
  await expect(google).toContainText('Personalised ads: refused');
  await expect(page.locator('#headline')).toHaveText(`All ${PAIRS.length} events are correct: ${PAIRS.length} not sent by the browser, by consent.`);
  // The developer detail names the evidence, and stays open across the page's 2 s refresh.
  const dev = page.locator('tr[data-testid="pair"][data-destination="tiktok"]').first().locator('details.dev');
  await dev.locator('summary').click();
  await expect(dev).toContainText('pixel_not_sent pixel silent by consent, as expected: the server copy declares ad_user_data denied and the page recorded a consent refusal');
  const updated = await page.locator('#updated').textContent();
  await expect(page.locator('#updated')).not.toHaveText(updated!, { timeout: 10_000 });
  await expect(page.locator('tr[data-testid="pair"][data-destination="tiktok"]').first().locator('details.dev')).toHaveAttribute('open', '');
  await expect(page.locator('tr[data-testid="quality"][data-destination="tiktok"][data-event="CompletePayment"]')).toContainText('withheld, because the shopper refused ad data');
  await expect(page.locator('main')).not.toContainText(/\bnull\b|\bundefined\b/);
  await screenshots(page, 'test-events-rejected');
});

test('test-code filter: both sides are filtered, so the test journey pairs fully on TikTok and Meta and the live one is hidden; Google, without a test code, is hidden too', async ({ page, browser, demo, records }) => {
  const emulator = demo.emulator!;
  const secret = randomBytes(16).toString('hex');
  const payment = await createPaymentProvider({ secret, host: '127.0.0.1' });
  // A second store on the same stand-ins, all three platforms, sending TikTok's and Meta's copies with TEST123.
  const platforms = standInPlatforms(emulator);
  const testStore = await createDemoStore({
    apiUrl: emulator.apiUrl, accessToken: LOCAL_ACCESS_TOKEN, pixelId: LOCAL_PIXEL_ID, testEventCode: 'TEST123',
    meta: { ...platforms.meta!, testEventCode: 'TEST123' }, google: platforms.google!,
    pixelScriptUrl: emulator.pixelScriptUrl, testEventsUrl: emulator.testEventsUrl, paymentOrigin: payment.url, paymentSecret: secret, host: '127.0.0.1',
  });
  // A second browser, so the two shoppers share no cookies (_ttp, _fbp, cart) across the two stores on one host.
  const testContext = await browser.newContext();
  try {
    await buyOne(page, demo, fromAds());
    await settle(records, demo, 'accept');
    const testPage = await testContext.newPage();
    const bought = await buyOne(testPage, { urls: { ...demo.urls, store: testStore.url, payment: payment.url } }, fromAds());
    await testStore.delivery.idle();
    await eventually(() => records.serverEvents().filter((e) => e.testEventCode === 'TEST123').length === 4, 'the four TEST123 server copies');
    await eventually(() => records.meta.serverEvents().filter((e) => e.testEventCode === 'TEST123').length === 4, 'the four TEST123 Conversions API copies');
    await eventually(() => records.google.serverEvents().length === 2 && records.google.conversions().length >= 2, 'both Google pairs');
    await eventually(() => records.sentTracks().length >= 8, 'eight ttq copies');
    await eventually(() => records.meta.sentFires().filter((c) => c.event !== 'PageView').length >= 8, 'eight fbq copies');
    // each shopper's five Meta page views: the last one can still be on its way when the journey ends
    await eventually(() => records.meta.sentFires().filter((c) => c.event === 'PageView').length >= 10, 'ten fbq page views');

    await openTestEvents(page, `${emulator.testEventsUrl}?test_event_code=TEST123`);
    const report = await expectPageMatchesApi(page, `${emulator.url}/__emulator/pairs?test_event_code=TEST123`);
    const testPairs = PAIRS.filter(([d]) => d !== 'google');
    // The test shopper's Meta page views have no server copy: they join the view through the browser (_fbp on a TEST123 copy).
    const pageViews = report.pairs.filter((p) => p.event === 'PageView');
    expect(pageViews.map((p) => [p.destination, p.verdict, p.code])).toEqual(Array(5).fill(['meta', 'ok', 'browser_only']));
    expect(report.pairs.filter((p) => p.event !== 'PageView').map((p) => [p.destination, p.event, p.verdict, p.server?.testEventCode]).sort()).toEqual(testPairs.map(([d, e]) => [d, e, 'ok', 'TEST123']).sort());
    expect(report.pairs.filter((p) => p.eventId === bought.purchase.eventId).map((p) => p.destination).sort()).toEqual(['meta', 'tiktok']);
    expect(report.summary.warnings).toEqual({});
    // Hidden: the live journey's 4 ttq and 4 fbq copies and both journeys' tag conversions (their server copies carry no code),
    // and the live shopper's 5 Meta page views (no server copy, and their _fbp is on no TEST123 copy).
    expect(report.filter).toMatchObject({ pixelPairedElsewhere: 10, pixelUnattributed: 5 });
    await expect(page.locator('#code')).toHaveValue('TEST123');
    await expect(page.locator('#filter-note')).toHaveText('Showing test event code TEST123 on both sides. Hidden: 10 browser copies whose server copy was sent without this code or with another; 5 browser copies with no server copy and no link to this test.');
    await expect(page.locator('#help-filter')).toContainText("its pair's server copy was sent with that code");
    await expect(page.locator('#help-filter')).toContainText("under a code Google's copies are hidden");
    await screenshots(page, 'test-events-filtered');

    // The same data without the filter: both journeys, nine pairs and five Meta page views each, all OK.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('#clear').click();
    await page.waitForURL((url) => url.pathname === '/test-events' && !url.search);
    await expect(page.locator('body[data-ready="1"]')).toBeVisible();
    await expect(page.locator('tr[data-testid="pair"]')).toHaveCount(2 * (PAIRS.length + 5));
    await expect(page.locator('tr[data-testid="pair"][data-verdict="ok"]')).toHaveCount(2 * (PAIRS.length + 5));
  } finally {
    await testContext.close();
    await testStore.close();
    await payment.close();
  }
});
