// ESM + CJS for bundlers (js-cookie stays a dependency; @pixelpair/core is inlined and
// tree-shakes), and the script-tag file with everything bundled and minified for bytes.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const ts = (define = { __SCRIPT_TAG__: 'false' }) => esbuild({ target: 'es2020', tsconfig: './tsconfig.json', define });

export default [
  {
    // one ESM file per module: a bundler that imports only `track` never sees the
    // js-cookie import (js-cookie runs code at import time, so it cannot be shaken out)
    input: 'src/index.ts',
    external: ['js-cookie'],
    plugins: [resolve({ browser: true }), ts()],
    output: { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src', entryFileNames: (chunk) => chunk.name.replace(/^.*core\/dist\//, 'core/') + '.mjs' },
  },
  {
    input: 'src/index.ts',
    external: ['js-cookie'],
    plugins: [resolve({ browser: true }), ts()],
    output: { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
  },
  {
    input: 'src/tag.ts',
    plugins: [
      resolve({ browser: true }),
      // a production build: the dev-build check is compiled out, data-debug still warns
      ts({ __SCRIPT_TAG__: 'true' }),
      terser({ ecma: 2020, toplevel: true, mangle: { properties: { regex: /^_[a-z][a-zA-Z]+$/, reserved: ['_fbq'] } }, compress: { passes: 3, pure_getters: true, unsafe: true, unsafe_arrows: true, unsafe_methods: true }, format: { comments: false } }),
    ],
    // the map is still written, without the sourceMappingURL comment (bytes every visitor downloads)
    output: { file: 'dist/pixelpair.min.js', format: 'iife', strict: false, sourcemap: 'hidden' },
  },
];
