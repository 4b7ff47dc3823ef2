// node sz.mjs 'entry source' -> min / gz of an IIFE bundle with the tag's plugins
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { writeFileSync, unlinkSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import cfgs from '/work/main/packages/browser/rollup.config.mjs';
const tagPlugins = cfgs[2].plugins;
for (const [label, src] of JSON.parse(process.argv[2])) {
  const f = '/work/main/packages/browser/src/__sz.ts';
  writeFileSync(f, src);
  const b = await rollup({ input: f, plugins: tagPlugins, onwarn() {} });
  const { output } = await b.generate({ format: 'iife', strict: false });
  unlinkSync(f);
  const code = output[0].code;
  console.log(label.padEnd(40), code.length, gzipSync(code, { level: 9 }).length);
}
