/**
 * packages/core must run unchanged in a browser, in Node and in edge runtimes. Two guards
 * make that a failing check rather than a convention:
 * 1. tsconfig.json compiles core with `lib: ["ES2022"]` and `types: []`, so `window`,
 *    `document`, `process` or `Buffer` do not even type-check (`pnpm typecheck`).
 * 2. This test scans every source file for platform globals and platform imports, and
 *    checks that core has no runtime dependencies that could smuggle them in.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

const FORBIDDEN_GLOBALS = [
  'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'history', 'XMLHttpRequest',
  'process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate',
];
const NODE_BUILTINS = ['fs', 'path', 'http', 'https', 'crypto', 'os', 'net', 'url', 'stream', 'child_process', 'worker_threads', 'zlib', 'util'];

/** Removes comments and string contents so prose cannot trip the scan. */
function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, (m) => (m.startsWith('`') ? '``' : "''"));
}

/** Every platform use in one file: global identifiers (not property names) and platform imports. */
export function findPlatformUses(source: string): string[] {
  const found: string[] = [];
  const importRe = /(?:from\s+|import\s*\(\s*|import\s+)(['"])([^'"]+)\1/g;
  for (const m of source.matchAll(importRe)) {
    const spec = m[2]!;
    if (spec.startsWith('node:') || NODE_BUILTINS.includes(spec.split('/')[0]!)) found.push(`import ${spec}`);
  }
  const code = codeOnly(source);
  for (const name of FORBIDDEN_GLOBALS) {
    // An identifier that is not a property access (`.document`) nor an object key (`document:`).
    const re = new RegExp(`(?<![.\\w$])${name}(?![\\w$]|\\s*:(?!:))`, 'g');
    if (re.test(code)) found.push(name);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('core is platform-free', () => {
  it('the scan catches platform code (so it can fail)', () => {
    expect(findPlatformUses("import { readFileSync } from 'node:fs';")).toEqual(['import node:fs']);
    expect(findPlatformUses("import http from 'http';")).toEqual(['import http']);
    expect(findPlatformUses('const w = window.innerWidth;')).toEqual(['window']);
    expect(findPlatformUses('document.cookie = "a=b";')).toEqual(['document']);
    expect(findPlatformUses('if (process.env.X) {}')).toEqual(['process']);
    expect(findPlatformUses('const b = Buffer.from("x");')).toEqual(['Buffer']);
  });

  it('the scan ignores prose, strings and property names', () => {
    expect(findPlatformUses('// reads window.location\nconst s = "document"; const o = { history: 1 }; x.process();')).toEqual([]);
  });

  const files = sourceFiles(here);
  it('scans a real set of files', () => expect(files.length).toBeGreaterThan(5));

  it.each(files.map((f) => [path.relative(here, f), f]))('%s uses no platform API', (_name, file) => {
    expect(findPlatformUses(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('has no runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(path.join(here, '..', 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('compiles without DOM or Node types', () => {
    const tsconfig = JSON.parse(readFileSync(path.join(here, '..', 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.types).toEqual([]);
    const base = JSON.parse(readFileSync(path.join(here, '..', '..', '..', 'tsconfig.base.json'), 'utf8'));
    expect(tsconfig.compilerOptions.lib ?? base.compilerOptions.lib).toEqual(['ES2022']);
  });
});
