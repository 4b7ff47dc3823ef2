/**
 * Issue 3, capture: the click id and TikTok's browser id survive what real sessions do to
 * them — pages without the parameter, a payment page on another origin, a reload — and
 * reach the server copy unchanged.
 */
import { expect, test } from './support/fixtures.js';
import { browserContext, chooseConsent, checkoutAndPay, firedEvents, PIXEL_SCRIPT, viewAndAddToCart } from './support/journey.js';
import { BUYER } from './support/buy.js';
import { eventually } from './support/eventually.js';

/** How many `ttclid` cookies the page sees: the server's Set-Cookie and pixelpair's own write must be one cookie. */
const ttclidCookies = (page: import('@playwright/test').Page) => page.evaluate(() => document.cookie.split('; ').filter((c) => c.startsWith('ttclid=')));

test('ttclid survives pages without it, the payment round trip through another origin, and a reload', async ({ page, demo, records }) => {
  const ttclid = 'E.C.P.survivor-01';
  await page.goto(`${demo.urls.store}/?ttclid=${ttclid}`);
  await chooseConsent(page, 'accept');
  expect((await browserContext(page)).ttclid).toBe(ttclid);

  await page.goto(`${demo.urls.store}/products`);
  expect(page.url()).not.toContain('ttclid');
  await firedEvents(page);
  expect((await browserContext(page)).ttclid, 'on a page without the parameter').toBe(ttclid);
  expect(await ttclidCookies(page)).toEqual([`ttclid=${ttclid}`]);

  await viewAndAddToCart(page, demo.urls.store, 'SKU-112');
  const storeOrigin = new URL(demo.urls.store).origin;
  const paymentOrigin = new URL(demo.urls.payment).origin;
  expect(paymentOrigin).not.toBe(storeOrigin);
  const { orderId, purchase } = await checkoutAndPay(page, demo.urls.store, demo.urls.payment, BUYER);
  expect((await browserContext(page)).ttclid, 'back from the payment origin').toBe(ttclid);

  await page.reload();
  const [again] = await firedEvents(page);
  expect((await browserContext(page)).ttclid, 'after a reload').toBe(ttclid);
  expect(await ttclidCookies(page), 'exactly one ttclid cookie').toEqual([`ttclid=${ttclid}`]);
  expect(again!.eventId, 'a reload fires the same event_id').toBe(purchase.eventId);

  const server = await eventually(() => records.serverEvent('CompletePayment', `ord_${orderId}_complete_payment`), 'the purchase server copy');
  expect(server.ttclid).toBe(ttclid);
});

test('a later landing with a new ttclid replaces the old one', async ({ page, demo }) => {
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.first`);
  await chooseConsent(page, 'accept');
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.second`);
  await firedEvents(page);
  await page.goto(`${demo.urls.store}/products`);
  await firedEvents(page);
  expect((await browserContext(page)).ttclid).toBe('E.C.P.second');
});

test('_ttp is read as-is, never invented, and reaches the server copy verbatim', async ({ page, context, demo, records }) => {
  const ttp = '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1';
  await context.addCookies([{ name: '_ttp', value: ttp, url: demo.urls.store }]);
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.ttp-check`);
  await chooseConsent(page, 'accept');
  expect((await browserContext(page)).ttp).toBe(ttp);
  const { view } = await viewAndAddToCart(page, demo.urls.store, 'SKU-733');
  const server = await eventually(() => records.serverEvent('ViewContent', view.eventId), 'the ViewContent server copy');
  expect(server.ttp).toBe(ttp);
  expect((await context.cookies()).find((c) => c.name === '_ttp')?.value, 'the cookie was not rewritten').toBe(ttp);
});

test('without a _ttp cookie and without the pixel, pixelpair does not invent one', async ({ page, demo }) => {
  await page.route(PIXEL_SCRIPT, (route) => route.abort());
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.no-ttp`);
  await chooseConsent(page, 'accept');
  await firedEvents(page);
  const ctx = await browserContext(page);
  expect(ctx.ttclid).toBe('E.C.P.no-ttp');
  expect(ctx.ttp).toBeUndefined();
});

test('a same-site referrer supplies the ttclid when a redirect or a plain landing page lost it', async ({ page, harness }) => {
  const next = harness.page('/next', `<!doctype html><title>next</title>${harness.tag({ async: false })}<p>next</p>`);
  const landing = harness.page('/plain-landing', `<!doctype html><title>landing</title><a id="go" href="${new URL(next).pathname}">continue</a>`);
  await page.goto(`${landing}?ttclid=E.C.P.from-referrer`);
  await page.locator('#go').click();
  await page.waitForURL(next);
  expect(await page.evaluate(() => document.referrer)).toContain('ttclid=E.C.P.from-referrer');
  expect((await browserContext(page)).ttclid).toBe('E.C.P.from-referrer');
});
