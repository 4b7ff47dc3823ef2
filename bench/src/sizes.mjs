/**
 * Bytes a page pays: pixelpair's script tag and an `import { track }` bundle (rollup + terser,
 * the way an app's bundler would ship it), beside the built files of three peers, gzip -9.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const gz = (code) => gzipSync(code, { level: 9 }).length;
const packageFile = (name, file) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file);

/** `code` bundled for the browser, minified, in memory (the entry is a virtual file beside this one). */
async function bundle(code) {
  const entry = path.join(here, '__size-entry.mjs');
  const build = await rollup({
    input: entry,
    plugins: [{ name: 'entry', resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? code : null) }, resolve({ browser: true }), terser()],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output.map((o) => o.code ?? '').join('');
}

export async function sizeRows() {
  const tag = readFileSync(packageFile('@pixelpair/browser', 'dist/pixelpair.min.js'), 'utf8');
  const track = await bundle("export { track } from '@pixelpair/browser';");
  const initTrack = await bundle("export { init, track } from '@pixelpair/browser';");
  const peers = [
    ['tiktok-pixel (dist/tiktok-pixel.cjs.production.min.js)', packageFile('tiktok-pixel', 'dist/tiktok-pixel.cjs.production.min.js')],
    ['analytics (dist/analytics.min.js)', packageFile('analytics', 'dist/analytics.min.js')],
    ['@segment/analytics-next (dist/umd/standalone.js, before its lazy chunks)', packageFile('@segment/analytics-next', 'dist/umd/standalone.js')],
  ].map(([name, file]) => [name, readFileSync(file, 'utf8')]);
  return [['pixelpair script tag (dist/pixelpair.min.js)', tag], ["pixelpair `import { track }` (rollup + terser)", track], ["pixelpair `import { init, track }` (rollup + terser)", initTrack], ...peers]
    .map(([name, code]) => ({ name, minBytes: Buffer.byteLength(code), gzipBytes: gz(code) }));
}
