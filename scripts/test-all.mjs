// Runs every test in the repo (unit, artefact, e2e) and ends with one plain line:
// "N passed, N failed". Steps: build + typecheck in parallel, the README snippets' type check and
// the linter, unit tests one package at a time (they share two cores with PostgreSQL and the
// stand-in), then the Playwright suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize } from './summarize.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const reportDir = process.env.PIXELPAIR_REPORT_DIR ?? path.join(root, '.reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const env = { ...process.env, PIXELPAIR_REPORT_DIR: reportDir, TURBO_TELEMETRY_DISABLED: '1' };
// A step is a turbo run (args) or a plain command (cmd); each writes its JSON report into reportDir.
const steps = [
  { name: 'build', args: ['build', 'typecheck'] },
  { name: 'doc snippets', cmd: ['node', 'scripts/check-doc-snippets.mjs'] },
  { name: 'lint', cmd: ['node', 'scripts/lint.mjs'] },
  { name: 'unit tests', args: ['test', '--concurrency=1'] },
  { name: 'e2e tests', args: ['e2e', '--concurrency=1'] },
];

const failedSteps = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const [cmd, ...args] = step.cmd ?? ['pnpm', 'exec', 'turbo', 'run', ...step.args, '--output-logs=full'];
  const run = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (run.status !== 0) failedSteps.push(step.name);
  // Without a build there is nothing meaningful to test.
  if (step.name === 'build' && run.status !== 0) break;
}

const summary = summarize(reportDir, failedSteps);
for (const line of summary.details) console.log(line);
const line = `${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`;
writeFileSync(path.join(reportDir, 'summary.txt'), `${line}\n`);
console.log(line);
process.exit(summary.failed > 0 || failedSteps.length > 0 ? 1 : 0);
