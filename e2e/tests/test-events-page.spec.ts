/**
 * Issue 6: the stand-in's Test Events page, checked in a browser after a real purchase,
 * and a screenshot of it kept as an artifact (e2e/artifacts/test-events.png).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures.js';
import { buyOne } from './support/buy.js';
import { eventually } from './support/eventually.js';

const artifacts = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'artifacts');

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
