/**
 * Tests of what we publish, not of the workspace: pack every public package the way
 * `pnpm publish` would (workspace:* rewritten to versions), install the tarballs with npm
 * into an empty project, and use them as a user would — ESM and CJS imports, types, the
 * script-tag file, the `pixelpair` bin, the stand-in.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGES = ['core', 'browser', 'server', 'emulator'];
let project = '';
const tarballs: Record<string, string> = {};

// Without NODE_PATH: pnpm's bin shims set it to the workspace's hoisted node_modules, where every
// require() of the consumer would find what the tarballs failed to bring (the SQL drivers, say).
const { NODE_PATH: _workspaceModules, ...cleanEnv } = process.env;

function run(cmd: string, args: string[], cwd: string, input?: string) {
  return spawnSync(cmd, args, { cwd, input, encoding: 'utf8', env: { ...cleanEnv, npm_config_audit: 'false', npm_config_fund: 'false' } });
}

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'pixelpair-published-'));
  for (const name of PACKAGES) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: path.join(root, 'packages', name), encoding: 'utf8' });
    const file = out.trim().split('\n').pop()!.trim();
    tarballs[name] = path.isAbsolute(file) ? file : path.join(project, path.basename(file));
  }
  const deps = Object.fromEntries(PACKAGES.map((n) => [`@pixelpair/${n}`, `file:${tarballs[n]}`]));
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: deps, overrides: deps }, null, 2),
  );
  // --ignore-scripts: the twin and the CLI's payload command must not need the native SQLite build.
  const install = run('npm', ['install', '--ignore-scripts', '--no-package-lock'], project);
  expect(install.status, install.stderr).toBe(0);
});

test('tarballs ship built code and types, not sources or tests', () => {
  for (const name of PACKAGES) {
    const listing = execFileSync('tar', ['-tzf', tarballs[name]!], { encoding: 'utf8' });
    expect(listing, name).toContain('package/dist/index.d.ts');
    expect(listing, name).not.toMatch(/\.test\.(ts|js)\b/);
    expect(listing, name).not.toContain('package/src/');
    expect(listing, name).not.toMatch(/\/(bench|testing|test-support)\//);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarballs[name]!, 'package/package.json'], { encoding: 'utf8' }));
    expect(JSON.stringify(manifest), `${name} still points at the workspace`).not.toContain('workspace:');
    console.log(`${name}: ${readFileSync(tarballs[name]!).length} B packed, ${listing.trim().split('\n').length} files`);
  }
});

test('the SQL drivers are optional peers of the twin, loaded only by the store that needs them', () => {
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarballs.server!, 'package/package.json'], { encoding: 'utf8' }));
  for (const driver of ['better-sqlite3', 'pg']) {
    expect(manifest.dependencies ?? {}, driver).not.toHaveProperty(driver);
    expect(manifest.peerDependenciesMeta?.[driver]?.optional, driver).toBe(true);
  }
  // npm does not install optional peers: every entry point loads without them, and choosing a store says what to install.
  const script = `
    await import('@pixelpair/server'); await import('@pixelpair/server/metrics');
    const { createMemoryStore } = await import('@pixelpair/server/testing');
    const { createSqliteStore, createPostgresStore } = await import('@pixelpair/server/outbox');
    const memory = createMemoryStore();
    const answers = [typeof memory.enqueue];
    try { createSqliteStore(':memory:'); answers.push('sqlite opened'); } catch (e) { answers.push(e.name + ': ' + e.message); }
    await createPostgresStore({ connectionString: 'postgres://127.0.0.1:1/none' }).then(() => answers.push('pg opened'), (e) => answers.push(e.name + ': ' + e.message));
    console.log(JSON.stringify(answers));`;
  const out = run('node', ['--input-type=module', '-e', script], project);
  expect(out.status, out.stderr).toBe(0);
  expect(JSON.parse(out.stdout.trim())).toEqual([
    'function',
    'ConfigError: pixelpair: the SQLite store needs the better-sqlite3 package: npm install better-sqlite3',
    'ConfigError: pixelpair: the PostgreSQL store needs the pg package: npm install pg',
  ]);
});

test('the browser package imports as ESM and CJS without a DOM, with the script-tag contract', () => {
  const names = ['track', 'page', 'consent', 'identify', 'context', 'orderEventId'];
  const esm = run('node', ['--input-type=module', '-e', `import * as p from '@pixelpair/browser'; console.log(JSON.stringify(Object.keys(p)))`], project);
  expect(esm.status, esm.stderr).toBe(0);
  const cjs = run('node', ['-e', `console.log(JSON.stringify(Object.keys(require('@pixelpair/browser'))))`], project);
  expect(cjs.status, cjs.stderr).toBe(0);
  for (const out of [esm.stdout, cjs.stdout]) expect(JSON.parse(out)).toEqual(expect.arrayContaining(names));
  const id = run('node', ['--input-type=module', '-e', `import { orderEventId } from '@pixelpair/browser'; console.log(orderEventId(10492))`], project);
  expect(id.stdout.trim()).toBe('ord_10492_complete_payment');
});

test('the published script-tag file stays inside its size ceiling', () => {
  const file = path.join(project, 'node_modules/@pixelpair/browser/dist/pixelpair.min.js');
  const { scriptTag } = JSON.parse(readFileSync(path.join(root, 'packages/browser/size-budget.json'), 'utf8'));
  const bytes = gzipSync(readFileSync(file), { level: 9 }).length;
  console.log(`published pixelpair.min.js: ${readFileSync(file).length} B minified, ${bytes} B gzipped (target ${scriptTag.target}, ceiling ${scriptTag.ceiling})`);
  expect(bytes).toBeLessThanOrEqual(scriptTag.ceiling);
});

// skipLibCheck: false checks every published .d.ts too, without @types/pg or @types/better-sqlite3 installed.
test('the published types compile in a consumer project', () => {
  writeFileSync(
    path.join(project, 'consumer.ts'),
    [
      "import { track, orderEventId, context } from '@pixelpair/browser';",
      "import { createTikTok, prepareEvent } from '@pixelpair/server';",
      "import { startEmulator } from '@pixelpair/emulator';",
      "import { eventId, type CapturedContext } from '@pixelpair/core';",
      "import { createOutbox, createSqliteStore, startWorker, type PostgresStoreOptions } from '@pixelpair/server/outbox';",
      "import { createWorkerMetrics } from '@pixelpair/server/metrics';",
      "import { createMemoryStore } from '@pixelpair/server/testing';",
      "const id: string = track('CompletePayment', { value: 1, currency: 'EUR' }, { eventId: orderEventId(1) });",
      'const ctx: CapturedContext = context();',
      "const ids: string[] = [id, eventId('lead', 7, 'submit'), ctx.capturedAt];",
      "const pg: PostgresStoreOptions = { connectionString: 'postgres://localhost/shop' };",
      'export { ids, pg, createTikTok, prepareEvent, startEmulator, createOutbox, createSqliteStore, startWorker, createWorkerMetrics, createMemoryStore };',
    ].join('\n'),
  );
  writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, lib: ['ES2022', 'DOM'], types: ['node'], typeRoots: [path.join(root, 'node_modules/@types')] }, files: ['consumer.ts'] }),
  );
  const tsc = run(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], project);
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
});

test('the pixelpair bin prints a v1.3 body with hashed identifiers', () => {
  const envelope = JSON.stringify({
    event: 'CompletePayment', eventId: 'ord_10492_complete_payment', eventTime: Math.floor(Date.now() / 1000) - 60,
    user: { email: ' ALICE_abc@gmail.com ', phone: '(+1)2133734253', ttclid: 'E.C.P.test', ip: '203.0.113.42', userAgent: 'Mozilla/5.0' },
    properties: { value: 129.95, currency: 'EUR', contents: [{ contentId: 'SKU-481', quantity: 1, price: 129.95 }] },
    consent: { adUserData: 'granted', adPersonalization: 'granted' },
  });
  const bin = path.join(project, 'node_modules/.bin/pixelpair');
  const out = run(bin, ['payload', '--pixel-id', 'PIXEL123'], project, `${envelope}\n`);
  expect(out.status, out.stderr).toBe(0);
  const body = JSON.parse(out.stdout.trim().split('\n')[0]!);
  expect(body.event_source_id).toBe('PIXEL123');
  const [event] = body.data;
  expect(event.event_id).toBe('ord_10492_complete_payment');
  expect([event.user.email].flat()[0]).toMatch(/^848a7714[0-9a-f]{50}d3bb4f$/);
  expect([event.user.phone].flat()[0]).toMatch(/^9f7ec22d[0-9a-f]{50}2dd2fd$/);
  expect(out.stdout + out.stderr).not.toContain('alice_abc');
});

test('the published stand-in starts and answers like TikTok', async () => {
  const script = `
    import { startEmulator } from '@pixelpair/emulator';
    const emu = await startEmulator({ port: 0 });
    const res = await fetch(emu.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    console.log(JSON.stringify({ status: res.status, body: await res.json() }));
    await emu.close();`;
  const out = run('node', ['--input-type=module', '-e', script], project);
  expect(out.status, out.stderr).toBe(0);
  const { status, body } = JSON.parse(out.stdout.trim());
  expect(status).toBe(200);
  expect(body.code).toBe(40104); // no Access-Token
});

test.afterAll(() => {
  if (project) execFileSync('rm', ['-rf', project]);
});
