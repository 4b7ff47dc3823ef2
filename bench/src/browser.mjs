/** The browser sections: gzipped bytes beside the peers, and (full mode) the script tag's init time in Chromium. */
import { bytes, ms, ratio } from './format.mjs';
import { initTime } from './init-time.mjs';
import { sizeRows } from './sizes.mjs';

export async function browserSections({ chromium }) {
  const sizes = await sizeRows();
  const tag = sizes[0].gzipBytes;
  const sections = [{
    title: 'Browser: bytes on the page',
    columns: ['what', 'minified bytes', 'gzip -9 bytes', 'vs pixelpair script tag'],
    rows: sizes.map((s) => [s.name, bytes(s.minBytes), bytes(s.gzipBytes), ratio(s.gzipBytes / tag)]),
    notes: ["The peers' files are the built files their packages ship (installed as bench devDependencies), gzipped the same way."],
    data: sizes,
  }];
  if (chromium) {
    const t = await initTime();
    sections.push(t.skipped
      ? { title: 'Browser: script-tag init time in Chromium', columns: ['measurement', 'value'], rows: [['skipped', t.skipped]], notes: [], data: t }
      : {
        title: 'Browser: script-tag init time in Chromium (main thread, script start → end of init)',
        columns: ['loads', 'median', 'p90', 'first load', 'empty-script floor (median)'],
        rows: [[t.runs, ms(t.medianMs, 1), ms(t.p90Ms, 1), ms(t.firstMs, 1), ms(t.emptyMedianMs, 1)]],
        notes: ['Inline script tag (no download), the way e2e/tests/init-time.spec.ts measures; a ttclid in every landing URL.'],
        data: t,
      });
  }
  return sections;
}
