// Every package's vitest writes a JSON report next to the console output, so
// scripts/test-all.mjs can print one "N passed, N failed" line for the whole repo.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export function reportDir() {
  return process.env.PIXELPAIR_REPORT_DIR ?? path.join(root, '.reports');
}

export function reportersFor(name) {
  return ['default', ['json', { outputFile: path.join(reportDir(), `vitest-${name}.json`) }]];
}
