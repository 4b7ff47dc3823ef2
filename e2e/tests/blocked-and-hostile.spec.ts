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

  // the store's own collect endpoint: the Meta and Google stubs beacon to the stand-in's /collect too
  const handoff = page.waitForRequest((r) => r.url() === `${demo.urls.store}/collect` && r.method() === 'POST' && (r.postData() ?? '').includes('"ViewContent"'));
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

/*
 * Issue 12, finding 6, as a class: built-ins the page replaced, a window.pixelpair that throws,
 * and one hostile API per init step. Each case: zero page errors, every API answers.
 */

/** Calls every API of window.pixelpair with `Array.prototype.push` and `Date.prototype.toISOString` replaced by throwing functions, then restores them. */
const UNDER_BROKEN_BUILTINS = () => {
  const pp = (window as any).pixelpair;
  const push = Array.prototype.push;
  const iso = Date.prototype.toISOString;
  const form = document.body.appendChild(document.createElement('form'));
  const thrown: string[] = [];
  const ids: string[] = [];
  let answers: Record<string, unknown> = {};
  const boom = () => { throw new Error('hostile page'); };
  Array.prototype.push = boom;
  Date.prototype.toISOString = boom;
  try {
    for (let i = 0; i < 1000; i++) {
      ids[i] = pp.track('ViewContent', { value: i }, { eventId: 'view_hostile_' + i });
      pp.page();
    }
    pp.identify({ email: 'someone@example.com' });
    pp.addContextFields(form);
    pp.push(['track', 'Search', {}, { eventId: 'srch_hostile_push' }]);
    answers = {
      track: pp.track('Contact'),
      consent: pp.consent(),
      context: pp.context(),
      withContext: pp.withContext({ sku: 'SKU-1' }),
      beacon: pp.beacon({ event: 'Contact', eventId: 'contact_hostile' }),
      field: (form.querySelector('input[name=pp_context]') as HTMLInputElement | null)?.value ?? null,
    };
  } catch (e) {
    thrown[thrown.length] = String(e);
  } finally {
    Array.prototype.push = push;
    Date.prototype.toISOString = iso;
  }
  return { thrown, ids, answers };
};

test('Array.prototype.push and Date.prototype.toISOString replaced, consent held: every API answers, the held events still go out', async ({ page, harness, records, pageErrors }) => {
  await page.goto(harness.page('/hostile-builtins', `<!doctype html><title>h</title>${harness.tag({ consent: 'manual', async: false })}<p>h</p>`) + '?ttclid=E.C.P.builtins');
  await eventually(() => records.pixelCalls().some((c) => c.method === 'holdConsent'), 'ttq.holdConsent()');
  const { thrown, ids, answers } = await page.evaluate(UNDER_BROKEN_BUILTINS);
  expect(thrown, 'nothing thrown into the page').toEqual([]);
  expect(ids.slice(0, 2)).toEqual(['view_hostile_0', 'view_hostile_1']);
  expect(new Set(ids).size).toBe(1000);
  expect(answers.track).toMatch(/^evt_/);
  expect(answers.consent).toMatchObject({ adUserData: 'unknown' });
  expect(answers.context).toMatchObject({ ttclid: 'E.C.P.builtins', consent: { adUserData: 'unknown' } });
  expect(Number.isNaN(Date.parse((answers.context as { capturedAt: string }).capturedAt)), 'capturedAt still a date').toBe(false);
  expect(answers.withContext).toMatchObject({ sku: 'SKU-1', pixelpair: { ttclid: 'E.C.P.builtins' } });
  expect(answers.beacon).toBe(true);
  expect(JSON.parse(answers.field as string)).toMatchObject({ ttclid: 'E.C.P.builtins' });
  await page.evaluate(() => (window as any).pixelpair.consent({ adUserData: 'granted', adPersonalization: 'granted' }));
  await eventually(() => records.sentTracks().some((c) => c.eventId === 'view_hostile_0'), 'the first held event, released after the grant');
  expect(pageErrors).toEqual([]);
});

for (const [name, define] of [
  ['a getter that throws', `Object.defineProperty(window, 'pixelpair', { configurable: true, get() { throw new Error('hostile pixelpair'); } });`],
  ['a Proxy that throws on every property access', `window.pixelpair = new Proxy([], { get() { throw new Error('hostile pixelpair'); } });`],
] as const) {
  test(`window.pixelpair with ${name}: no page error from the tag, and start-up still runs`, async ({ page, harness, records, pageErrors }) => {
    await page.addInitScript(define);
    await page.goto(harness.page(`/hostile-global-${name.length}`, `<!doctype html><title>h</title>${harness.tag({ async: false })}<p>h</p>`) + '?ttclid=E.C.P.global');
    await eventually(() => records.pixelCalls().some((c) => c.method === 'page'), 'the first page view');
    expect((await page.context().cookies()).find((c) => c.name === 'ttclid')?.value).toBe('E.C.P.global');
    expect(pageErrors).toEqual([]);
  });
}

test('init steps are independent: a ttq that throws on every access costs only the Pixel', async ({ page, harness, pageErrors }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'ttq', { configurable: true, get() { throw new Error('hostile ttq'); }, set() { throw new Error('hostile ttq'); } });
  });
  const url = harness.page('/hostile-ttq', `<!doctype html><title>h</title>${harness.tag({ consent: 'manual', spa: true, async: false })}<p>h</p>`) + '?ttclid=E.C.P.ttq';
  await page.goto(url);
  expect(await page.evaluate(() => (window as any).pixelpair.context().ttclid)).toBe('E.C.P.ttq');
  expect(await page.evaluate(() => (window as any).pixelpair.track('Lead', {}, { eventId: 'lead_ttq' }))).toBe('lead_ttq');
  // the SPA watcher was set up: a route change becomes a page view, whose referrer is the previous route
  await page.evaluate(() => history.pushState({}, '', '/products/1'));
  await expect.poll(() => page.evaluate(() => (window as any).pixelpair.context().page.referrer)).toBe(url);
  expect(await page.evaluate(() => typeof (window as any).pixelpair.consent({ adUserData: 'granted' }).adUserData)).toBe('string');
  expect(pageErrors).toEqual([]);
});

test('init steps are independent: a throwing document.createElement costs only the pixel script', async ({ page, harness, context, pageErrors }) => {
  await page.addInitScript(() => {
    Document.prototype.createElement = function () { throw new Error('hostile createElement'); };
  });
  await page.goto(harness.page('/hostile-create', `<!doctype html><title>h</title>${harness.tag({ spa: true, async: false })}<p>h</p>`) + '?ttclid=E.C.P.create');
  const queued = () => page.evaluate(() => Array.from((window as any).ttq as unknown[][]).map((c) => c[0]));
  // the base-code queue holds the first page view for a Pixel that could not be inserted
  await expect.poll(queued).toEqual(['page']);
  expect(await page.evaluate(() => (window as any).pixelpair.context().ttclid)).toBe('E.C.P.create');
  await expect.poll(async () => (await context.cookies()).find((c) => c.name === 'ttclid')?.value).toBe('E.C.P.create');
  await page.evaluate(() => history.pushState({}, '', '/products/2'));
  await expect.poll(queued, 'the SPA watcher: one more page view').toEqual(['page', 'page']);
  expect(await page.evaluate(() => typeof (window as any).pixelpair.track('Lead'))).toBe('string');
  expect(pageErrors).toEqual([]);
});

test('init steps are independent: a throwing addEventListener costs only its listeners', async ({ page, harness, context, pageErrors }) => {
  await page.addInitScript(() => {
    EventTarget.prototype.addEventListener = function () { throw new Error('hostile addEventListener'); };
  });
  // the stand-in pixel listens for events too; keep it out so only pixelpair is on trial
  await page.route(PIXEL_SCRIPT, (route) => route.fulfill({ contentType: 'application/javascript', body: '/* pixel not loaded */' }));
  // tcf with no CMP on the page yet: the tag would wait for `load` (addEventListener throws)
  await page.goto(harness.page('/hostile-listen', `<!doctype html><title>h</title>${harness.tag({ consent: 'tcf', spa: true, async: false })}<p>h</p>`) + '?ttclid=E.C.P.listen');
  const queued = () => page.evaluate(() => Array.from((window as any).ttq as unknown[][]).map((c) => c[0]));
  expect(await queued(), 'the consent hold').toEqual(['holdConsent']);
  expect(await page.evaluate(() => (window as any).pixelpair.context().ttclid)).toBe('E.C.P.listen');
  await page.evaluate(() => history.pushState({}, '', '/products/3'));
  await page.evaluate(() => (window as any).pixelpair.consent({ adUserData: 'granted', adStorage: 'granted' }));
  // the first page view and the route change's, released by the grant
  await expect.poll(queued).toEqual(['holdConsent', 'grantConsent', 'page', 'page']);
  await expect.poll(async () => (await context.cookies()).find((c) => c.name === 'ttclid')?.value).toBe('E.C.P.listen');
  expect(pageErrors).toEqual([]);
});
