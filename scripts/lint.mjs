// `pnpm lint`: Biome with the house's few rules (biome.json: no unused imports or variables, no
// console in the packages' shipped src outside the CLIs and the browser's debug log). Prints one
// line per finding and writes lint.json (vitest's counting shape) into PIXELPAIR_REPORT_DIR:
// a clean run is one passed check, otherwise every file with a finding is one failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const started = Date.now();
const run = spawnSync(path.join(root, 'node_modules/.bin/biome'), ['lint', '--reporter=json', '--max-diagnostics=none', ...process.argv.slice(2)], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(run.stdout + run.stderr);
  report = { diagnostics: [{ severity: 'error', category: 'biome', message: `biome exited with ${run.status} without a report`, location: { path: '(biome)' } }] };
}

const findings = report.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
for (const d of findings) {
  const at = d.location?.start ? `${d.location.path}:${d.location.start.line}:${d.location.start.column}` : d.location?.path ?? '';
  console.error(`${at} ${d.category}: ${d.message}`);
}
const files = new Set(findings.map((d) => d.location?.path ?? '(biome)'));
const failed = files.size > 0 || (run.status !== 0 && findings.length === 0) ? Math.max(files.size, 1) : 0;
console.log(`lint: ${findings.length} findings in ${files.size} files (${report.summary?.unchanged ?? '?'} files checked, ${Date.now() - started} ms)`);
if (process.env.PIXELPAIR_REPORT_DIR) {
  mkdirSync(process.env.PIXELPAIR_REPORT_DIR, { recursive: true });
  writeFileSync(path.join(process.env.PIXELPAIR_REPORT_DIR, 'lint.json'), JSON.stringify({ numPassedTests: failed ? 0 : 1, numFailedTests: failed, numPendingTests: 0 }));
}
process.exit(failed ? 1 : 0);
