/**
 * Runs a starter app (apps/next-shop, apps/express-backend) as its own process, the way a
 * user starts it, and stops it with SIGTERM. `ready` reads the app's URL from its output;
 * the app counts as started once that URL answers.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface StarterProcess {
  url: string;
  /** Everything the app wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then the exit: code (or signal) and the full output. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

export interface StarterOptions {
  name: string;
  cwd: string;
  /** Arguments to node. */
  args: string[];
  env: Record<string, string>;
  /** A file the build writes: a clear failure when the app was not built. */
  builtFile: string;
  ready(output: string): string | undefined;
  timeoutMs?: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startStarter(options: StarterOptions): Promise<StarterProcess> {
  if (!existsSync(path.join(options.cwd, options.builtFile))) {
    throw new Error(`${options.name} is not built (${options.builtFile} is missing): run pnpm exec turbo run build --filter=${options.name}`);
  }
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((e) => (exit = e));
  const stop = async () => {
    if (!exit) child.kill('SIGTERM');
    return { ...(await exited), output };
  };
  try {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const url = await eventually(() => {
      if (exit) throw new Error(`${options.name} exited (${exit.code ?? exit.signal}) before it was ready:\n${output}`);
      return options.ready(output);
    }, `${options.name} to print its URL`, timeoutMs);
    await eventually(() => fetch(url).then((r) => r.ok, () => false), `${url} to answer`, timeoutMs);
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
