/**
 * CI runs the quick bench to prove every section still runs end to end against the current
 * packages. It asserts that each table has rows and that every measured number is finite:
 * nothing about speed (speed is reported as ratios by `pnpm bench`, never asserted).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = mkdtempSync(path.join(tmpdir(), 'pp-bench-quick-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every number anywhere in `value`, with its path. */
function numbers(value, at = '') {
  if (typeof value === 'number') return [[at, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbers(v, `${at}.${k}`));
  return [];
}

describe('pnpm bench --quick', () => {
  let run;
  beforeAll(() => {
    run = spawnSync(process.execPath, [path.join(here, 'run.mjs'), '--quick', '--out', out], { encoding: 'utf8', timeout: 170_000 });
  }, 180_000);

  it('exits 0 and prints the tables', () => {
    expect(run.stderr.slice(-2000)).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| pipeline |');
  });

  it('writes every section with rows of finite numbers', () => {
    const result = JSON.parse(readFileSync(path.join(out, 'latest.json'), 'utf8'));
    const titles = result.sections.map((s) => s.title);
    for (const expected of ['Payload building: varied records', 'Payload building: journey stream', 'Phone-hash correctness', 'Components alone', 'Request bodies', 'Prepare + bodies', 'Delivery on loopback', 'Outbox: enqueue latency', 'Outbox: delivery', 'Browser: bytes']) {
      expect(titles.some((t) => t.startsWith(expected)), expected).toBe(true);
    }
    for (const s of result.sections) {
      expect(s.rows.length, s.title).toBeGreaterThan(0);
      for (const row of s.rows) {
        expect(row).toHaveLength(s.columns.length);
        for (const cell of row) expect(String(cell), s.title).not.toMatch(/NaN|Infinity|undefined|^$/);
      }
      const found = numbers(s.data);
      expect(found.length, s.title).toBeGreaterThan(0);
      for (const [at, n] of found) expect(Number.isFinite(n), `${s.title}${at}`).toBe(true);
    }
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.loadAverage).toHaveLength(3);
  });

  it('checks phone hashes: pixelpair\'s all match sha256("+E.164"), the peer\'s (digits only) none', () => {
    const result = JSON.parse(readFileSync(path.join(out, 'latest.json'), 'utf8'));
    const varied = result.sections.find((s) => s.title.startsWith('Phone-hash correctness (varied'));
    const share = Object.fromEntries(varied.data.map((d) => [d.name, d.correctShare]));
    expect(share['pixelpair prepareEvent']).toBe(1);
    expect(share['facebook-nodejs-business-sdk normalize()']).toBe(0);
  });
});
