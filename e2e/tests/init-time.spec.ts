/**
 * Issue 3, speed: the main-thread time of pixelpair's script-tag build in Chromium, from the
 * start of the script to the end of init (compile, run, ttclid capture, consent hold,
 * pixel loader, first page view). Inline, so download time is not counted. A measurement,
 * not a test: tagged @bench, it runs with `pnpm --filter @pixelpair/e2e bench`, not in
 * `pnpm e2e` (speed is measured, never asserted by a timed test).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures.js';

const RUNS = 15;
const artifacts = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'artifacts');

function timedPage(script: string): string {
  return `<!doctype html><title>init</title><script>performance.mark('pp:start')</script>
${script}
<script>performance.mark('pp:end');window.__ppInit=performance.measure('pp:init','pp:start','pp:end').duration;</script><p>init</p>`;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

test('init main-thread time of the script tag in Chromium @bench', async ({ page, harness, demo }) => {
  const tagged = harness.page('/init-time', timedPage(`<script data-pixel-id="${demo.pixelId}" data-pixel-src="${demo.urls.pixelScript}" data-consent="manual" data-collect-url="/collect">${harness.source}</script>`));
  // Without a consent source the click-id cookie is written (on the next task, off this path): measured too.
  const open = harness.page('/init-time-open', timedPage(`<script data-pixel-id="${demo.pixelId}" data-pixel-src="${demo.urls.pixelScript}" data-collect-url="/collect">${harness.source}</script>`));
  // The same page with an empty script: the floor of this way of measuring on this machine.
  const empty = harness.page('/init-baseline', timedPage('<script>/* nothing */</script>'));
  const samples: number[] = [];
  const noConsent: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${tagged}?ttclid=E.C.P.timing-${i}`);
    samples.push(await page.evaluate(() => (window as any).__ppInit as number));
    expect(await page.evaluate(() => typeof (window as any).pixelpair.track)).toBe('function');
    await page.goto(empty);
    baseline.push(await page.evaluate(() => (window as any).__ppInit as number));
    await page.goto(`${open}?ttclid=E.C.P.timing-open-${i}`);
    noConsent.push(await page.evaluate(() => (window as any).__ppInit as number));
  }
  const result = {
    runs: RUNS,
    firstMs: samples[0]!,
    medianMs: quantile(samples, 0.5),
    p90Ms: quantile(samples, 0.9),
    maxMs: Math.max(...samples),
    baselineMedianMs: quantile(baseline, 0.5),
    noConsentMedianMs: quantile(noConsent, 0.5),
    scriptBytes: harness.source.length,
  };
  const f = (n: number) => n.toFixed(1);
  console.log(`pixelpair init main-thread time (Chromium, script-tag build inline, parse+compile+init): median ${f(result.medianMs)} ms, p90 ${f(result.p90Ms)} ms, first load ${f(result.firstMs)} ms over ${RUNS} loads; without data-consent (cookie written) median ${f(result.noConsentMedianMs)} ms; empty-script floor ${f(result.baselineMedianMs)} ms`);
  test.info().annotations.push({ type: 'init-main-thread-ms', description: JSON.stringify(result) });
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(path.join(artifacts, 'init-time.json'), JSON.stringify(result, null, 2));
});
