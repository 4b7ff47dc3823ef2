/**
 * Size budget and bundle hygiene, checked against what we publish (run after `pnpm build`):
 * - dist/pixelpair.min.js ≤ 2,560 B gzipped (zlib level 9), js-cookie included. NOT MET,
 *   and not reachable with every issue-3 behaviour plus js-cookie: `pnpm bench:size-floor`
 *   bundles all of them written as densely as one file allows, with the tag's own terser
 *   settings, at 3,131 B; swapping js-cookie for a 6-line helper gives 2,743 B, and also
 *   trimming core's updateConsent to booleans/granted/denied gives 2,618 B. Until the lead
 *   decides (raise the budget, or drop a dependency or a feature from the tag), a ceiling
 *   at today's size (size-budget.json) fails on any growth;
 * - `import { track }` from the ESM build, bundled and minified as an app bundler would,
 *   ≤ 2,048 B gzipped, without the platform adapters;
 * - each platform adapter (metaPixel, googleTag) adds at most its adapterImport budget;
 * - no zod, undici or `node:` code in any built file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const budget = JSON.parse(readFileSync(join(here, '../size-budget.json'), 'utf8'));
/** Issue 3's goal for the script-tag file (not met; see size-budget.json). */
const TAG_TARGET: number = budget.scriptTag.target;
/** Today's measured size plus a few bytes: lower it whenever the file shrinks, never raise it quietly. */
const TAG_CEILING: number = budget.scriptTag.ceiling;
const TRACK_BUDGET: number = budget.trackImport.budget;
/** What each platform adapter may add to an app bundle that already has init and track. */
const ADAPTER_BUDGETS: Record<string, number> = budget.adapterImport;

const dist = join(here, '../dist');
const read = (name: string) => readFileSync(join(dist, name), 'utf8');
const gzipped = (code: string) => gzipSync(code, { level: 9 }).length;

/** Bundles `entry` against the built ESM file the way an app would import the package. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: dist, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
    plugins: [{ name: 'self', setup: (b) => b.onResolve({ filter: /^@pixelpair\/browser$/ }, () => ({ path: join(dist, 'index.mjs') })) }],
  });
  return result.outputFiles[0]!.text;
}

describe('size budget', () => {
  it(`dist/pixelpair.min.js does not grow past ${TAG_CEILING} B gzipped`, () => {
    const size = gzipped(read('pixelpair.min.js'));
    const gap = size > TAG_TARGET ? `, ${size - TAG_TARGET} B over the ${TAG_TARGET} B target` : '';
    console.info(`pixelpair.min.js: ${read('pixelpair.min.js').length} B min, ${size} B gzip (ceiling ${TAG_CEILING}${gap})`);
    expect(size).toBeLessThanOrEqual(TAG_CEILING);
  });

  it(`import { track } alone is at most ${TRACK_BUDGET} B gzipped, and leaves the rest out`, async () => {
    const code = await bundle("export { track } from '@pixelpair/browser';");
    console.info(`import { track }: ${code.length} B min, ${gzipped(code)} B gzip (budget ${TRACK_BUDGET})`);
    expect(gzipped(code)).toBeLessThanOrEqual(TRACK_BUDGET);
    // tree-shaking works: no cookie library, no consent adapters, no core id convention, no platform adapter
    expect(code).not.toMatch(/__tcfapi|dataLayer|withConverter|EventIdError|fbevents|googletagmanager|trackCustom/);
  });

  for (const [adapter, limit] of Object.entries(ADAPTER_BUDGETS)) {
    it(`import { ${adapter} } adds at most ${limit} B gzipped to init and track`, async () => {
      const base = gzipped(await bundle("export { init, track } from '@pixelpair/browser';"));
      const code = await bundle(`export { init, track, ${adapter} } from '@pixelpair/browser';`);
      console.info(`import { ${adapter} }: +${gzipped(code) - base} B gzip over init + track (budget ${limit})`);
      // the check can fail: the adapter is really in the bundle
      expect(code).toMatch(adapter === 'metaPixel' ? /fbevents/ : /googletagmanager/);
      expect(gzipped(code) - base).toBeLessThanOrEqual(limit);
    });
  }

  it('the whole ESM build bundles bigger than track alone (the check above can fail)', async () => {
    const all = await bundle("export * from '@pixelpair/browser';");
    const one = await bundle("export { track } from '@pixelpair/browser';");
    expect(gzipped(all)).toBeGreaterThan(gzipped(one) * 2);
  });
});

describe('bundle hygiene', () => {
  const built = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(mjs|cjs|js)$/.test(name));

  it('finds the built files', () => {
    expect(built).toEqual(expect.arrayContaining(['pixelpair.min.js', 'index.mjs', 'index.cjs', 'track.mjs']));
  });

  it('the script tag is a production build: no warning texts, no sourceMappingURL comment', () => {
    const tag = read('pixelpair.min.js');
    // the npm builds keep these messages (debug / development); the tag warns only what it caught
    expect(read('init.mjs') + read('pixel.mjs') + read('id.mjs')).toMatch(/init twice[\s\S]*ttq\.[\s\S]*bad eventId/);
    expect(tag).not.toMatch(/init twice|bad eventId|no collectUrl|"ttq\."|sourceMappingURL|process\.env/);
    expect(tag.split('[pixelpair]')).toHaveLength(2);
  });

  it('no built file contains zod, undici or node: code', () => {
    const offenders = built.filter((name) => /\bzod\b|\bundici\b|["'`]node:|require\(["'](fs|path|crypto|http|https|zlib|url)["']\)/.test(read(name)));
    expect(offenders).toEqual([]);
  });
});
