/**
 * The Test Events page, read the way a marketer reads it: opened until ready, checked row by
 * row against the JSON API's verdicts, and screenshotted at desktop and phone width.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { PairsReport } from '@pixelpair/emulator';
import { expect } from './fixtures.js';

const artifacts = path.join(path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url)))), 'artifacts');

/** Where a screenshot goes: e2e/artifacts/. */
export const artifactPath = (file: string): string => path.join(artifacts, file);

export async function openTestEvents(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body[data-ready="1"]')).toBeVisible();
}

/** The same verdicts as the JSON API, row by row. */
export async function expectPageMatchesApi(page: Page, apiUrl: string): Promise<PairsReport> {
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
export async function screenshots(page: Page, name: string): Promise<void> {
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
