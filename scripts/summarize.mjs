// Adds up the JSON reports every runner writes into the report directory:
// vitest (vitest-<package>.json) and Playwright (playwright.json).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function countVitest(report) {
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function countPlaywright(report) {
  const s = report.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

/** A step that failed without any failing test (a build, typecheck or crashed runner) counts as one failure. */
export function summarize(dir, failedSteps = []) {
  const total = { passed: 0, failed: 0, skipped: 0, details: [] };
  let files = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    files = [];
  }
  for (const file of files) {
    let counts;
    try {
      const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      counts = file.startsWith('playwright') ? countPlaywright(report) : countVitest(report);
    } catch {
      counts = { passed: 0, failed: 1, skipped: 0 };
    }
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    total.details.push(`  ${file.replace(/\.json$/, '')}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
  if (failedSteps.length > 0 && total.failed === 0) {
    total.failed = failedSteps.length;
    total.details.push(`  steps that failed without a failing test: ${failedSteps.join(', ')}`);
  }
  return total;
}
