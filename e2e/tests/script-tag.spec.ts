/**
 * Issue 3, the script-tag contract: calls made before the `async` tag has loaded are kept
 * in the array stub and replayed in order, with their event_ids, once it runs.
 */
import { expect, test } from './support/fixtures.js';
import { eventually } from './support/eventually.js';

test('the pre-load queue replays calls made before the async script loaded, in order, with their event_ids', async ({ page, harness, records }) => {
  const stub = `<script>window.pixelpair=window.pixelpair||[];
pixelpair.push(['consent',{adUserData:'granted',adPersonalization:'granted'}]);
pixelpair.push(['track','ViewContent',{content_id:'SKU-1'},{eventId:'view_queued_1'}]);
pixelpair.push(['track','AddToCart',{content_id:'SKU-1'},{eventId:'cart_queued_1_add_to_cart'}]);
pixelpair.push(function(api){window.__fromQueue=api.track('Search',{query:'q'},{eventId:'srch_queued_1'});});</script>`;
  // The script is served slowly, so every call above is made while pixelpair is still an array.
  await page.route('**/pixelpair.min.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  await page.goto(harness.page('/queue', `<!doctype html><title>queue</title>${stub}${harness.tag({ consent: 'manual' })}<p>queue</p>`), { waitUntil: 'domcontentloaded' });
  expect(await page.evaluate(() => Array.isArray((window as any).pixelpair)), 'still the stub before load').toBe(true);
  await page.waitForFunction(() => typeof (window as any).pixelpair.track === 'function');
  expect(await page.evaluate(() => (window as any).__fromQueue)).toBe('srch_queued_1');
  await eventually(() => records.sentTracks().length >= 3, 'the replayed events');
  expect(records.sentTracks().map((c) => [c.event, c.eventId]), 'in call order').toEqual([
    ['ViewContent', 'view_queued_1'],
    ['AddToCart', 'cart_queued_1_add_to_cart'],
    ['Search', 'srch_queued_1'],
  ]);
});
