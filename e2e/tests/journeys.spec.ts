/**
 * Issue 6: the six journeys, each asserting on what the local TikTok stand-in recorded; issue 9:
 * journeys 1 to 3 also prove the Meta pairs (fbq ↔ Conversions API) beside TikTok's, from the
 * Meta stand-in's records. The three pairs of a purchase (with Google) are in three-pairs.spec.ts.
 */
import { LOCAL_META_PIXEL_ID, startDemo } from '@pixelpair/demo-store';
import { expect, test } from './support/fixtures.js';
import { checkAllMetaPairs, checkAllPairs } from './support/check-pair.js';
import { buyOne } from './support/buy.js';
import { chooseConsent, firedEvents, META_PIXEL_SCRIPT, PIXEL_SCRIPT, submitLead } from './support/journey.js';
import { eventually } from './support/eventually.js';
import { createRecords } from './support/records.js';
import { ALL_EVENTS, fbcOf, fullJourney, HEX64, list, META_EVENTS, META_NAME, metaTwins, serverTwins, sha256 } from './support/full-journey.js';

test('journey 1 — ttclid and consent accepted: every browser event has a server twin carrying ttclid, ttp, ip, user agent and the strong keys collected', async ({ page, demo, records }) => {
  const journey = await fullJourney(page, demo, 'accept');
  const twins = await serverTwins(records, journey.ids);

  await eventually(() => records.sentTracks().length >= journey.ids.length, 'every pixel copy');
  const pairs = checkAllPairs(records.sentTracks(), records.serverEvents());
  expect(pairs.map((p) => p.event).sort()).toEqual(ALL_EVENTS);
  expect(pairs.filter((p) => !p.check.ok), 'pixel copies without a matching server twin').toEqual([]);

  for (const twin of twins) {
    expect(twin.keys, `${twin.event} ${twin.eventId}`).toMatchObject({ ttclid: true, ttp: true, ip: true, user_agent: true });
    expect(twin.ttclid).toBe(journey.ttclid);
  }
  const purchase = twins.find((t) => t.event === 'CompletePayment')!;
  expect(purchase.keys).toMatchObject({ email: true, phone: true, external_id: true });
  expect(purchase.body!.user).toMatchObject({ email: expect.stringMatching(HEX64), phone: expect.stringMatching(HEX64), external_id: expect.stringMatching(HEX64) });
  const purchasePixel = records.sentTracks().find((c) => c.event === 'CompletePayment')!;
  expect(purchasePixel.identity, 'advanced matching on the thank-you page, hashed by the server').toEqual({ email: 'hashed', phone_number: 'hashed', external_id: 'hashed' });
  const lead = twins.find((t) => t.event === 'SubmitForm')!;
  expect(lead.keys).toMatchObject({ email: true });
  expect(lead.body!.user!.email).toMatch(HEX64);
  expect(records.requests().every((r) => r.code === 0), 'every Events API request accepted').toBe(true);

  // Meta, beside TikTok: every fbq fire has its Conversions API twin (same eventID, Meta's name, same pixel).
  const capi = await metaTwins(records, journey.ids);
  await eventually(() => records.meta.sentFires().filter((c) => c.event !== 'PageView').length >= journey.ids.length, 'every fbq fire');
  const metaPairs = checkAllMetaPairs(records.meta.sentFires(), records.meta.serverEvents());
  expect(metaPairs.map((p) => p.event).sort()).toEqual(META_EVENTS);
  expect(metaPairs.filter((p) => !p.check.ok), 'fbq fires without a matching Conversions API twin').toEqual([]);
  expect(records.meta.sentFires().filter((c) => c.event === 'PageView').length, "Meta's PageView on the pages").toBeGreaterThan(0);
  expect(new Set(records.meta.sentFires().map((c) => c.pixelId))).toEqual(new Set([LOCAL_META_PIXEL_ID]));
  const userAgent = await page.evaluate(() => navigator.userAgent);
  for (const twin of capi) {
    expect(twin.fbc, `${twin.event} ${twin.eventId}: fbc from the landing fbclid`).toMatch(fbcOf(journey.fbclid));
    expect(twin.body!.user_data, `${twin.event} ${twin.eventId}`).toMatchObject({ client_ip_address: '127.0.0.1', client_user_agent: userAgent });
  }
  // Meta's rules: email trimmed and lower-cased; phone as digits with the country code, no "+".
  const metaPurchase = capi.find((t) => t.event === 'Purchase')!;
  expect(list(metaPurchase.body!.user_data.em)).toEqual([sha256('alice.buyer@example.com')]);
  expect(list(metaPurchase.body!.user_data.ph)).toEqual([sha256('491701234567')]);
  expect(list(capi.find((t) => t.event === 'Lead')!.body!.user_data.em)).toEqual([sha256('runner.lead@example.com')]);
  expect(capi.find((t) => t.event === 'ViewContent')!.keys, 'no contact data before the shopper gave it').toMatchObject({ em: false, ph: false });
  expect(records.meta.serverEvents().length, 'one Conversions API copy per action').toBe(journey.ids.length);
});

test('journey 2 — consent rejected: the pixel is revoked and the server twins carry the landing ttclid but no email, phone or external_id', async ({ page, demo, records }) => {
  const journey = await fullJourney(page, demo, 'reject');
  const twins = await serverTwins(records, journey.ids);
  expect(records.pixelCalls().some((c) => c.method === 'revokeConsent')).toBe(true);
  expect(records.sentTracks(), 'no pixel event reached TikTok').toEqual([]);
  for (const twin of twins) {
    // No cookie holds it after the refusal: the shop kept it on the cart record, and TikTok's policy keeps the ttclid.
    expect(twin.ttclid, `${twin.event} ${twin.eventId}`).toBe(journey.ttclid);
    expect(twin.keys, `${twin.event} ${twin.eventId}`).toMatchObject({ email: false, phone: false, external_id: false });
    expect(twin.body!.user ?? {}).not.toHaveProperty('email');
    expect(twin.limitedDataUse, 'ad_personalization denied').toBe(true);
  }

  // Meta: fbq is revoked, nothing reaches Meta from the browser, and every CAPI copy still arrives without identifiers.
  const capi = await metaTwins(records, journey.ids);
  expect(records.meta.pixelCalls().some((c) => c.method === 'consent' && c.options?.action === 'revoke'), "fbq('consent', 'revoke')").toBe(true);
  expect(records.meta.pixelCalls().some((c) => c.method === 'consent' && c.options?.action === 'grant'), 'never granted').toBe(false);
  expect(records.meta.sentFires(), 'no fbq fire reached Meta').toEqual([]);
  for (const twin of capi) {
    expect(twin.keys, `${twin.event} ${twin.eventId}`).toMatchObject({ em: false, ph: false, external_id: false, fbc: false, fbp: false });
    expect(twin.body!.user_data, 'only the device context a website event needs').not.toHaveProperty('em');
    expect(twin.optOut, 'ad_personalization denied').toBe(true);
  }
});

test('journey 3 — Pixel blocked: the server copies still arrive with ttclid and their event_ids', async ({ page, demo, records }) => {
  await page.route(PIXEL_SCRIPT, (route) => route.abort('blockedbyclient'));
  const journey = await fullJourney(page, demo, 'accept');
  const twins = await serverTwins(records, journey.ids);
  for (const twin of twins) expect(twin.ttclid, `${twin.event} ${twin.eventId}`).toBe(journey.ttclid);
  expect(twins.find((t) => t.event === 'CompletePayment')!.eventId).toBe(`ord_${journey.orderId}_complete_payment`);
  expect(records.pixelCalls(), 'the Pixel never loaded').toEqual([]);
});

test("journey 3, Meta — Meta's pixel script blocked: the Conversions API copies still arrive with their event ids and fbc, and TikTok's pairs are whole", async ({ page, demo, records }) => {
  let blocked = 0;
  await page.route(META_PIXEL_SCRIPT, (route) => { blocked++; return route.abort('blockedbyclient'); });
  const journey = await fullJourney(page, demo, 'accept');
  const capi = await metaTwins(records, journey.ids);
  expect(blocked, 'the pages asked for fbevents.js').toBeGreaterThan(0);
  expect(capi.map((t) => [t.event, t.eventId])).toEqual(journey.ids.map(([event, id]) => [META_NAME[event], id]));
  for (const twin of capi) expect(twin.fbc, `${twin.event} ${twin.eventId}`).toMatch(fbcOf(journey.fbclid));
  expect(capi.find((t) => t.event === 'Purchase')!.eventId).toBe(`ord_${journey.orderId}_complete_payment`);
  expect(records.meta.pixelCalls(), 'fbq never loaded').toEqual([]);
  // The other platforms do not depend on Meta's script.
  await serverTwins(records, journey.ids);
  await eventually(() => records.sentTracks().length >= journey.ids.length, 'every TikTok pixel copy');
  expect(checkAllPairs(records.sentTracks(), records.serverEvents()).filter((p) => !p.check.ok)).toEqual([]);
});

test('journey 4 — payment redirect through another origin: ttclid and the event_id survive', async ({ page, demo, records }) => {
  const visited: string[] = [];
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) visited.push(new URL(frame.url()).origin); });
  const bought = await buyOne(page, demo);
  const paymentOrigin = new URL(demo.urls.payment).origin;
  expect(visited).toContain(paymentOrigin);
  expect(paymentOrigin).not.toBe(new URL(demo.urls.store).origin);

  const eventId = `ord_${bought.orderId}_complete_payment`;
  const pixelCopy = await eventually(() => records.sentTracks().find((c) => c.event === 'CompletePayment'), 'the pixel copy');
  expect(pixelCopy.eventId).toBe(eventId);
  expect(pixelCopy.referrer, 'the thank-you page was reached from the payment origin').toContain(paymentOrigin);
  const serverCopy = await eventually(() => records.serverEvent('CompletePayment', eventId), 'the server copy');
  expect(serverCopy.ttclid).toBe(bought.ttclid);
  expect(serverCopy.body!.user!.user_agent, 'the stored browser UA, not the webhook caller').toBe(await page.evaluate(() => navigator.userAgent));
});

test('journey 5 — SPA route changes: exactly one page view per route, none from TikTok history observer', async ({ page, demo, records }) => {
  await page.goto(`${demo.urls.store}/app/`);
  await chooseConsent(page, 'accept');
  await firedEvents(page);
  await eventually(() => records.sentPageViews().length === 1, 'the first page view');
  await page.locator('#spa-nav a[href="/app/trail"]').click();
  await expect(page.locator('#spa-view h2')).toHaveText('Trail stories');
  await page.locator('#spa-nav a[href="/app/road"]').click();
  await expect(page.locator('#spa-view h2')).toHaveText('Road stories');
  await page.locator('#spa-nav a[href="/app/road"]').click(); // the same route again is not a page view
  await page.goBack();
  await expect(page.locator('#spa-view h2')).toHaveText('Trail stories');

  await eventually(() => records.sentPageViews().length >= 4, 'four page views');
  await page.waitForTimeout(300); // a late duplicate would land here
  const views = records.sentPageViews();
  expect(views.map((v) => new URL(v.url).pathname)).toEqual(['/app/', '/app/trail', '/app/road', '/app/trail']);
  expect(records.pixelCalls().filter((c) => c.auto), 'automatic page views from the history observer').toEqual([]);
});

test('journey 5, control — with TikTok history observer left on, the stand-in does record an automatic page view (so the check above can fail)', async ({ page, harness, records }) => {
  // pixelpair without data-spa loads the Pixel with default options: TikTok's observer stays on.
  await page.goto(harness.page('/observer-on', `<!doctype html><title>observer</title>${harness.tag({ async: false })}<p>observer</p>`));
  await eventually(() => records.sentPageViews().length === 1, 'the first page view');
  await page.evaluate(() => history.pushState({}, '', '/observer-on/next'));
  await eventually(() => records.pixelCalls().find((c) => c.auto), 'an automatic page view');
});

test('journey 5, edges — a push and a replace in one tick count once; hash-only changes and same-URL pushes count zero; going back counts', async ({ page, harness, records }) => {
  await page.goto(harness.page('/spa-edges', `<!doctype html><title>spa</title>${harness.tag({ spa: true, async: false })}<p>spa</p>`));
  await eventually(() => records.sentPageViews().length === 1, 'the first page view');
  await page.evaluate(() => { history.pushState({}, '', '/spa-edges/a'); history.replaceState({}, '', '/spa-edges/a?tab=1'); });
  await eventually(() => records.sentPageViews().length === 2, 'one page view for push + replace');
  await page.evaluate(() => { location.hash = '#reviews'; history.pushState({}, '', location.href); });
  await page.evaluate(() => history.go(-3)); // past the hash entry and the same-URL entry, back to the first route
  await eventually(() => records.sentPageViews().length === 3, 'the page view for back');
  await page.waitForTimeout(300);
  expect(records.sentPageViews().map((v) => new URL(v.url).pathname + new URL(v.url).search)).toEqual(['/spa-edges', '/spa-edges/a?tab=1', '/spa-edges']);
});

test('journey 6 — the same order confirmed twice (webhook and return, thank-you reloads, a second backend job): one server event', async ({ page, demo, records }) => {
  const bought = await buyOne(page, demo);
  const eventId = `ord_${bought.orderId}_complete_payment`;
  await page.reload();
  await firedEvents(page);
  await page.reload();
  await firedEvents(page);

  const second = await demo.store.confirmPayment(bought.orderId, 'reconciliation-job');
  expect(second).toMatchObject({ ok: true, first: false });
  const resent = await demo.store.resendPurchase(bought.orderId);
  expect(resent?.status, "the outbox's unique key refuses the second enqueue").toBe('duplicate');

  await records.settled();
  await eventually(() => records.sentTracks().filter((c) => c.eventId === eventId).length >= 3, 'three pixel copies (one per load)');
  expect(demo.emulator!.acceptances(demo.pixelId, 'CompletePayment', eventId)).toBe(1);
  expect(records.serverEvents().filter((e) => e.eventId === eventId)).toHaveLength(1);
  expect(demo.store.delivery.records().filter((r) => r.eventId === eventId).map((r) => r.status)).toEqual(['enqueued', 'duplicate']);
});

test('journey 6, control — without the outbox (direct sends) a forced second send is accepted twice, so the count above can fail', async () => {
  const direct = await startDemo({ store: { outbox: false } });
  try {
    const { state } = direct.store;
    const cart = state.cart(undefined);
    state.addToCart(cart.id, 'SKU-481', 1, { page: {}, consent: { adUserData: 'granted', adPersonalization: 'granted' }, capturedAt: new Date().toISOString(), source: 'request', ip: '203.0.113.5', userAgent: 'Mozilla/5.0' });
    const order = state.placeOrder({ cartId: cart.id, email: 'a@example.com', phone: '+491701234567', country: 'DE', currency: 'EUR', context: cart.context! })!;
    expect(await direct.store.confirmPayment(order.id)).toMatchObject({ ok: true, first: true });
    expect((await direct.store.resendPurchase(order.id))?.status).toBe('sent');
    expect(direct.emulator!.acceptances(direct.pixelId, 'CompletePayment', `ord_${order.id}_complete_payment`)).toBe(2);
  } finally {
    await direct.close();
  }
});

test('event names are configurable: Purchase and Lead pair exactly like CompletePayment and SubmitForm', async ({ page }) => {
  const current = await startDemo({ store: { purchaseEvent: 'Purchase', leadEvent: 'Lead' } });
  try {
    const records = createRecords(current);
    const bought = await buyOne(page, current);
    const { lead } = await submitLead(page, current.urls.store, 'lead@example.com');
    expect(bought.purchase).toMatchObject({ event: 'Purchase', eventId: `ord_${bought.orderId}_purchase` });
    expect(lead.event).toBe('Lead');
    await serverTwins(records, [['Purchase', bought.purchase.eventId], ['Lead', lead.eventId]]);
    await eventually(() => records.sentTracks().some((c) => c.event === 'Lead'), 'the Lead pixel copy');
    const pairs = checkAllPairs(records.sentTracks(), records.serverEvents());
    expect(pairs.filter((p) => !p.check.ok)).toEqual([]);
    expect(pairs.map((p) => p.event)).toEqual(expect.arrayContaining(['Purchase', 'Lead']));
  } finally {
    await current.close();
  }
});
