/**
 * Issue 3, consent: held before a decision; a grant releases the held events with their
 * original event_ids; a revocation stops later ones. The IAB TCF v2 and Google Consent
 * Mode v2 adapters each drive the same state from a stub CMP.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { chooseConsent, customiseConsent, firedEvents } from './support/journey.js';
import { eventually } from './support/eventually.js';
import type { Records } from './support/records.js';

const consentState = (page: Page) => page.evaluate(() => (window as any).pixelpair.consent());
const track = (page: Page, event: string, eventId: string) => page.evaluate(([e, id]) => (window as any).pixelpair.track(e, {}, { eventId: id }), [event, eventId] as const);
const calls = (records: Records, method: string) => records.pixelCalls().filter((c) => c.method === method);

test('held before the banner is answered; accept releases the held events with their original event_ids; revoking stops later ones', async ({ page, demo, records }) => {
  await page.goto(`${demo.urls.store}/products/SKU-481`);
  const [view] = await firedEvents(page);
  expect(await track(page, 'Search', 'srch_held_1'), 'track still returns the id while held').toBe('srch_held_1');

  await eventually(() => calls(records, 'holdConsent').length > 0, 'ttq.holdConsent()');
  expect(records.sentTracks(), 'nothing reaches TikTok before a decision').toEqual([]);

  await chooseConsent(page, 'accept');
  await eventually(() => calls(records, 'grantConsent').length > 0, 'ttq.grantConsent()');
  await eventually(() => records.sentTracks().length >= 2, 'the released events');
  expect(records.sentTracks().map((c) => [c.event, c.eventId])).toEqual([
    ['ViewContent', view!.eventId],
    ['Search', 'srch_held_1'],
  ]);
  expect(await consentState(page)).toMatchObject({ adUserData: 'granted', adPersonalization: 'granted', cmp: { name: 'demo-banner' } });

  await page.evaluate(() => (window as any).pixelpair.consent({ adUserData: 'denied', adPersonalization: 'denied' }));
  await eventually(() => calls(records, 'revokeConsent').length > 0, 'ttq.revokeConsent()');
  expect(await track(page, 'AddToCart', 'cart_after_revoke')).toBe('cart_after_revoke');
  await page.waitForTimeout(400);
  expect(records.pixelCalls().some((c) => c.eventId === 'cart_after_revoke'), 'no event after revocation').toBe(false);
});

test('the banner remembers a customised choice on the next page, and the hand-off carries it', async ({ page, demo, records }) => {
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.custom`);
  await customiseConsent(page, { adUserData: true, adPersonalization: false });
  await page.goto(`${demo.urls.store}/products/SKU-205`);
  const [view] = await firedEvents(page);
  await expect(page.locator('#consent-banner')).toBeHidden();
  expect(await consentState(page)).toMatchObject({ adUserData: 'granted', adPersonalization: 'denied' });
  const server = await eventually(() => records.serverEvent('ViewContent', view!.eventId), 'the ViewContent server copy');
  expect(server.limitedDataUse, 'ad_personalization denied → limited_data_use').toBe(true);
});

const TCF_STUB = `<script>
(function(){var listeners=[];var id=0;
window.__tcfapi=function(cmd,version,cb){if(cmd==='addEventListener'){listeners.push(cb);cb({eventStatus:'cmpuishown',gdprApplies:true,cmpId:300,cmpVersion:2,listenerId:++id,purpose:{consents:{},legitimateInterests:{}}},true);}};
window.__tcfDecide=function(c){listeners.forEach(function(cb){cb({eventStatus:'useractioncomplete',gdprApplies:true,cmpId:300,cmpVersion:2,purpose:{consents:c,legitimateInterests:{}}},true);});};})();
</script>`;

test('IAB TCF v2: a stub CMP drives the consent state (grant releases, denial revokes)', async ({ page, harness, records }) => {
  await page.goto(harness.page('/tcf', `<!doctype html><title>tcf</title>${TCF_STUB}${harness.tag({ consent: 'tcf', async: false })}<p>tcf</p>`));
  await eventually(() => calls(records, 'holdConsent').length > 0, 'ttq.holdConsent()');
  expect(await track(page, 'ViewContent', 'view_tcf_1')).toBe('view_tcf_1');
  expect(await consentState(page)).toMatchObject({ adUserData: 'unknown' });

  await page.evaluate(() => (window as any).__tcfDecide({ 1: true, 3: true, 4: true, 7: true }));
  expect(await consentState(page)).toMatchObject({ adUserData: 'granted', adPersonalization: 'granted', cmp: { name: 'tcf:300', version: '2' } });
  await eventually(() => records.sentTracks().find((c) => c.eventId === 'view_tcf_1'), 'the held event, released');

  await page.evaluate(() => (window as any).__tcfDecide({ 1: true, 3: false, 4: false, 7: false }));
  expect(await consentState(page)).toMatchObject({ adUserData: 'denied', adPersonalization: 'denied' });
  await eventually(() => calls(records, 'revokeConsent').length > 0, 'ttq.revokeConsent()');
});

test('Google Consent Mode v2: gtag default holds, gtag update decides (also through a GTM-style push wrapper)', async ({ page, harness, records }) => {
  const gtag = `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}
gtag('consent','default',{ad_storage:'denied',ad_user_data:'denied',ad_personalization:'denied'});</script>`;
  await page.goto(harness.page('/gcm', `<!doctype html><title>gcm</title>${gtag}${harness.tag({ consent: 'gcm', async: false })}<p>gcm</p>`));
  expect(await track(page, 'ViewContent', 'view_gcm_1')).toBe('view_gcm_1');
  expect(await consentState(page), 'a denied default is not a decision').toMatchObject({ adUserData: 'unknown' });
  await page.waitForTimeout(300);
  expect(records.sentTracks()).toEqual([]);

  // GTM installs its own dataLayer.push wrapper after page scripts; updates must still get through.
  await page.evaluate(() => {
    const layer = (window as any).dataLayer;
    const previous = layer.push;
    layer.push = function (...entries: unknown[]) { return previous.apply(layer, entries); };
  });
  await page.evaluate(() => (window as any).gtag('consent', 'update', { ad_user_data: 'granted', ad_personalization: 'denied' }));
  expect(await consentState(page)).toMatchObject({ adUserData: 'granted', adPersonalization: 'denied', cmp: { name: 'consent-mode' } });
  await eventually(() => records.sentTracks().find((c) => c.eventId === 'view_gcm_1'), 'the held event, released');
  expect(calls(records, 'grantConsent').length).toBeGreaterThan(0);
});

/*
 * Issue 12, finding 9: a marketing click id is written on the device only with storage consent.
 * The demo server sets and removes its own click-id cookies after POST /consent; that request is
 * answered here without cookies, so the jar shows what the tag alone wrote.
 */
const ttclidCookie = async (page: Page) => (await page.context().cookies()).find((c) => c.name === 'ttclid')?.value;

test('the ttclid cookie: none before a choice, none after "Reject all" (not even on a later landing), written after "Accept all"', async ({ page, demo }) => {
  await page.route('**/consent', (route) => (route.request().method() === 'POST' ? route.fulfill({ status: 204 }) : route.fallback()));
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.jar-1`);
  await firedEvents(page);
  // longer than the tag's deferred write (the next task)
  await page.waitForTimeout(300);
  expect(await ttclidCookie(page), 'no cookie before a choice').toBeUndefined();
  expect(await page.evaluate(() => (window as any).pixelpair.context().ttclid), 'the click id is still in memory for the hand-off').toBe('E.C.P.jar-1');

  await chooseConsent(page, 'reject');
  await page.waitForTimeout(300);
  expect(await ttclidCookie(page), 'no cookie after "Reject all"').toBeUndefined();
  // a later landing with a new click id, with the denial restored from the banner's cookie
  await page.goto(`${demo.urls.store}/products/SKU-481?ttclid=E.C.P.jar-2`);
  await firedEvents(page);
  await page.goto(`${demo.urls.store}/cart`);
  expect(await ttclidCookie(page), 'none after a denial, even when the page is left at once').toBeUndefined();

  await page.context().clearCookies();
  await page.goto(`${demo.urls.store}/?ttclid=E.C.P.jar-3`);
  await firedEvents(page);
  await page.waitForTimeout(300);
  expect(await ttclidCookie(page)).toBeUndefined();
  await chooseConsent(page, 'accept');
  await expect.poll(() => ttclidCookie(page), 'written by the tag after "Accept all"').toBe('E.C.P.jar-3');
});

test('a click id captured before the grant is kept when the page is left right after it (pagehide flush)', async ({ page, harness }) => {
  // timers that never fire before the page is left (a busy or throttled page): only the pagehide flush can write it
  await page.addInitScript(() => {
    window.setTimeout = (() => 0) as unknown as typeof setTimeout;
  });
  const url = harness.page('/grant-and-leave', `<!doctype html><title>leave</title>${harness.tag({ consent: 'manual', async: false })}
<script>pixelpair.consent({ adUserData: 'granted', adPersonalization: 'granted' }); location.replace('/left');</script>`);
  harness.page('/left', '<!doctype html><title>left</title><p>left</p>');
  await page.goto(url + '?ttclid=E.C.P.leave');
  await page.waitForURL('**/left');
  expect(await ttclidCookie(page)).toBe('E.C.P.leave');
});
