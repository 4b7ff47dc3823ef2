/**
 * Issue 3 + issue 6 journey 5: client-side route changes (pushState, back/popstate) give
 * exactly one page view each, and TikTok's own history observer adds none.
 */
import { expect, test } from './support/fixtures.js';
import { chooseConsent, firedEvents } from './support/journey.js';
import { eventually } from './support/eventually.js';

test('SPA route changes: one page view per route, no duplicates from the history observer', async ({ page, demo, records }) => {
  await page.goto(`${demo.urls.store}/app/`);
  await chooseConsent(page, 'accept');
  await firedEvents(page);
  await eventually(() => records.sentPageViews().length === 1, 'the first page view');

  await page.locator('#spa-nav a[href="/app/trail"]').click();
  await expect(page.locator('#spa-view h2')).toHaveText('Trail stories');
  await page.locator('#spa-nav a[href="/app/road"]').click();
  await expect(page.locator('#spa-view h2')).toHaveText('Road stories');
  await page.locator('#spa-nav a[href="/app/road"]').click(); // same route again: not a page view
  await page.goBack();
  await expect(page.locator('#spa-view h2')).toHaveText('Trail stories');

  await eventually(() => records.sentPageViews().length >= 4, 'four page views');
  await page.waitForTimeout(300); // a late duplicate would show up here
  const views = records.sentPageViews();
  expect(views.map((v) => new URL(v.url).pathname)).toEqual(['/app/', '/app/trail', '/app/road', '/app/trail']);
  expect(views.filter((v) => v.auto), 'automatic page views from TikTok history observer').toEqual([]);
  expect(records.pixelCalls().filter((c) => c.auto)).toEqual([]);
});
