/**
 * The script tag's main-thread time in Chromium, from script start to the end of init, measured
 * the way e2e/tests/init-time.spec.ts does (inline, so download time is not counted), beside an
 * empty script (the floor of this way of measuring). Pages and the pixel are served by routes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { median, percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const ORIGIN = 'http://shop.bench.test';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const timedPage = (script) => `<!doctype html><title>init</title><script>performance.mark('pp:start')</script>
${script}
<script>performance.mark('pp:end');window.__ppInit=performance.measure('pp:init','pp:start','pp:end').duration;</script><p>init</p>`;

export async function initTime(runs = 15) {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` };
  const source = readFileSync(path.join(path.dirname(require.resolve('@pixelpair/browser/package.json')), 'dist/pixelpair.min.js'), 'utf8');
  const pages = {
    '/tag': timedPage(`<script data-pixel-id="CBENCHPIXEL000000001" data-pixel-src="${ORIGIN}/pixel.js" data-consent="manual" data-collect-url="/collect">${source}</script>`),
    '/empty': timedPage('<script>/* nothing */</script>'),
  };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const { pathname } = new URL(route.request().url());
      if (pages[pathname]) return route.fulfill({ contentType: 'text/html', body: pages[pathname] });
      if (pathname === '/pixel.js') return route.fulfill({ contentType: 'text/javascript', body: '/* pixel stand-in */' });
      return route.fulfill({ status: 204 });
    });
    const tag = [];
    const empty = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${ORIGIN}/tag?ttclid=E.C.P.timing-${i}`);
      tag.push(await page.evaluate(() => window.__ppInit));
      if ((await page.evaluate(() => typeof window.pixelpair?.track)) !== 'function') throw new Error('the script tag did not initialise');
      await page.goto(`${ORIGIN}/empty`);
      empty.push(await page.evaluate(() => window.__ppInit));
    }
    const sorted = [...tag].sort((a, b) => a - b);
    return { runs, firstMs: tag[0], medianMs: median(tag), p90Ms: percentile(sorted, 0.9), emptyMedianMs: median(empty) };
  } finally {
    await browser.close();
  }
}
