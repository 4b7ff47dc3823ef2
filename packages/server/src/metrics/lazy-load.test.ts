/**
 * An app that never asks for metrics never loads prom-client. Checked on the package as built
 * from this source: a fresh Node process with a module hook that refuses prom-client imports
 * every entry point (the root, ./outbox, ./metrics, the CLI), then asks for metrics, which
 * must be refused (so the hook really watches).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(pkg, 'node_modules/.cache/pixelpair-metrics-lazy', `${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHILD = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  "export async function resolve(s, c, next) { if (s === 'prom-client' || s.startsWith('prom-client/')) throw new Error('prom-client was loaded'); return next(s, c); }"));
const out = process.argv[2];
for (const entry of ['index.js', 'outbox/index.js', 'metrics/index.js', 'testing.js', 'cli/main.js']) await import(new URL(entry, 'file://' + out + '/').href);
console.log('entry points loaded');
const { createWorkerMetrics } = await import(new URL('metrics/index.js', 'file://' + out + '/').href);
const { createMemoryStore } = await import(new URL('testing.js', 'file://' + out + '/').href);
await createWorkerMetrics({ store: createMemoryStore() }).then(() => console.log('metrics without prom-client?'), (e) => console.log('metrics refused: ' + e.message));
`;

describe('prom-client is loaded only when metrics are asked for', { timeout: 90_000 }, () => {
  it('no entry point imports it; createWorkerMetrics does', () => {
    mkdirSync(dir, { recursive: true });
    const out = path.join(dir, 'out');
    const tsconfig = path.join(dir, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({
      extends: path.join(pkg, 'tsconfig.build.json'),
      compilerOptions: { rootDir: path.join(pkg, 'src'), outDir: out, declaration: false, sourceMap: false, noEmitOnError: false },
      include: [path.join(pkg, 'src')],
      exclude: [path.join(pkg, 'src/**/*.test.ts')],
    }));
    const build = spawnSync(path.join(pkg, 'node_modules/.bin/tsc'), ['-p', tsconfig], { encoding: 'utf8' });
    expect(existsSync(path.join(out, 'metrics/index.js')), `${build.stdout}${build.stderr}`).toBe(true);
    writeFileSync(path.join(dir, 'child.mjs'), CHILD);
    const run = spawnSync(process.execPath, [path.join(dir, 'child.mjs'), out], { encoding: 'utf8', cwd: pkg });
    expect(run.stderr).not.toContain('Error');
    expect(run.stdout).toBe('entry points loaded\nmetrics refused: prom-client was loaded\n');
  });

  it('the source imports it in one place, dynamically', () => {
    const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));
    const users = files(path.join(pkg, 'src'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /(?:from|import\(?)\s*'prom-client'/.test(readFileSync(f, 'utf8').replace(/^import type .*$/gm, '')));
    expect(users.map((f) => path.relative(pkg, f))).toEqual(['src/metrics/worker-metrics.ts']);
  });
});
