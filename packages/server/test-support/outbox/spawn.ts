/**
 * Runs test-support/outbox/child.ts in real separate processes. Node 20 cannot run TypeScript, so the
 * child is compiled with the package's own tsc into a private directory under
 * node_modules/.cache (where the package's dependencies still resolve).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function compileChild(): { script: string; cleanup: () => void } {
  const dir = path.join(pkg, 'node_modules/.cache/pixelpair-outbox-child', `${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  const tsconfig = path.join(dir, 'tsconfig.json');
  writeFileSync(tsconfig, JSON.stringify({
    extends: path.join(pkg, 'tsconfig.json'),
    compilerOptions: { rootDir: pkg, outDir: path.join(dir, 'out'), declaration: false, sourceMap: false, noEmitOnError: false },
    include: [],
    files: [path.join(pkg, 'test-support/outbox/child.ts')],
  }));
  // Type errors elsewhere in the package (work in progress) must not stop the emit.
  const run = spawnSync(path.join(pkg, 'node_modules/.bin/tsc'), ['-p', tsconfig], { encoding: 'utf8' });
  const script = path.join(dir, 'out/test-support/outbox/child.js');
  if (!existsSync(script)) throw new Error(`could not compile the child process: ${run.stdout}${run.stderr}`);
  return { script, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function startChild(script: string, args: string[]): { child: ChildProcess; output: Promise<string>; ready: Promise<void> } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready\n')) onReady();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const output = new Promise<string>((resolve, reject) => {
    child.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child exited ${code ?? signal}: ${err}`))));
  });
  return { child, output, ready };
}
