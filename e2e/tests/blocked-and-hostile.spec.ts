/**
 * Issue 3: with the Pixel blocked, `track` still returns ids and the hand-off still carries
 * the context; hostile pages (cookies disabled or throwing, a `ttq` that throws) never get
 * an exception from pixelpair.
 */
import { expect, test } from './support/fixtures.js';
import { browserContext, chooseConsent, firedEvents, PIXEL_SCRIPT, viewAndAddToCart } from './support/journey.js';
import { eventually } from './support/eventually.js';

test('Pixel blocked: track returns ids and the collect hand-off still carries the context', async ({ page, demo, records, pageErrors }) => {
  await page.route(PIXEL_SCRIPT, (route) => route.abort('blockedbyclient'));
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.blocked-1`);
  await chooseConsent(page, 'accept');
  const id = await page.evaluate(() => (window as any).pixelpair.track('Contact', {}));
  expect(typeof id).toBe('string');
  expect(id.length).toBeGreaterThan(8);

  const handoff = page.waitForRequest((r) => r.url().endsWith('/collect') && r.method() === 'POST');
  await page.goto(`${demo.urls.store}/products/SKU-481`);
  const [view] = await firedEvents(page);
  const body = JSON.parse((await handoff).postData() ?? '{}');
  expect(body).toMatchObject({ event: 'ViewContent', eventId: view!.eventId, context: { ttclid: 'E.C.P.blocked-1', consent: { adUserData: 'granted' } } });
  expect(body.context.userAgent).toBe(await page.evaluate(() => navigator.userAgent));
  const json = await page.evaluate(() => (window as any).pixelpair.withContext({ sku: 'SKU-481' }));
  expect(json, 'the JSON hand-off carries the same context').toMatchObject({ sku: 'SKU-481', pixelpair: { ttclid: 'E.C.P.blocked-1', consent: { adUserData: 'granted' } } });

  const server = await eventually(() => records.serverEvent('ViewContent', view!.eventId), 'the server copy');
  expect(server.ttclid).toBe('E.C.P.blocked-1');
  expect(records.pixelCalls(), 'the pixel never ran').toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('cookies disabled: no exception reaches the page, ids are still returned, the landing ttclid still reaches the server', async ({ page, context, demo, records, pageErrors }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDocumentCookieDisabled', { disabled: true });
  await page.goto(`${demo.urls.store}/products/SKU-112?ttclid=E.C.P.no-cookies`);
  await chooseConsent(page, 'accept');
  const [view] = await firedEvents(page);
  expect(await page.evaluate(() => (window as any).pixelpair.track('Contact', {}, { eventId: 'contact_no_cookies' }))).toBe('contact_no_cookies');
  expect((await browserContext(page)).ttclid).toBe('E.C.P.no-cookies');
  const server = await eventually(() => records.serverEvent('ViewContent', view!.eventId), 'the server copy');
  expect(server.ttclid).toBe('E.C.P.no-cookies');
  expect(pageErrors).toEqual([]);
});

test('document.cookie and storage that throw: no exception reaches the page', async ({ page, demo, pageErrors }) => {
  await page.addInitScript(() => {
    const fail = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
    Object.defineProperty(Document.prototype, 'cookie', { get: fail, set: fail, configurable: true });
    Object.defineProperty(window, 'localStorage', { get: fail, configurable: true });
    Object.defineProperty(window, 'sessionStorage', { get: fail, configurable: true });
  });
  // The stand-in's pixel reads cookies like TikTok's does; keep it out so only pixelpair is on trial.
  await page.route(PIXEL_SCRIPT, (route) => route.fulfill({ contentType: 'application/javascript', body: '/* pixel not loaded */' }));
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.throwing-cookies`);
  await chooseConsent(page, 'accept');
  await viewAndAddToCart(page, demo.urls.store, 'SKU-205');
  expect(await page.evaluate(() => typeof (window as any).pixelpair.track('Contact', {}))).toBe('string');
  expect(await page.evaluate(() => typeof (window as any).pixelpair.context().capturedAt)).toBe('string');
  expect(pageErrors).toEqual([]);
});

test('a ttq whose every method throws: no exception reaches the page, and the server copies still go out', async ({ page, demo, records, pageErrors }) => {
  const hostilePixel = `(function(){var t=window.ttq;var names=['track','page','identify','holdConsent','grantConsent','revokeConsent','load','instance'];
names.forEach(function(m){t[m]=function(){throw new Error('ttq.'+m+' exploded');};});})();`;
  await page.route(PIXEL_SCRIPT, (route) => route.fulfill({ contentType: 'application/javascript', body: hostilePixel }));
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.hostile-ttq`);
  await chooseConsent(page, 'accept');
  const { view, addEventId } = await viewAndAddToCart(page, demo.urls.store, 'SKU-481');
  expect(await page.evaluate(() => (window as any).pixelpair.track('Contact', {}, { eventId: 'contact_hostile' }))).toBe('contact_hostile');
  await page.evaluate(() => (window as any).pixelpair.identify({ email: 'someone@example.com' }));
  await eventually(() => records.serverEvent('ViewContent', view.eventId), 'the ViewContent server copy');
  await eventually(() => records.serverEvent('AddToCart', addEventId), 'the AddToCart server copy');
  expect(pageErrors).toEqual([]);
});
