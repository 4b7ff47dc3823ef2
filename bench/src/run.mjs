/**
 * pnpm bench [--quick] [--only payload,components,bodies,delivery,outbox,browser] [--postgres-outage] [--out DIR]
 * Runs every section side by side in one process pinned to core 0 (taskset, when available),
 * prints the Markdown tables and writes results/latest.md and latest.json.
 * --quick: small counts, no outage run, no Chromium (CI proves the benches still work with it).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bodiesSection, prepareAndBodiesSection } from './bodies.mjs';
import { componentsSection } from './components.mjs';
import { browserSections } from './browser.mjs';
import { deliverySection } from './delivery.mjs';
import { machine } from './machine.mjs';
import { outboxSection } from './outbox.mjs';
import { payloadSections } from './payload.mjs';
import { pixelpair } from './pipelines.mjs';
import { journeyRecords, variedRecords } from './records.mjs';
import { writeResults } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'postgres-outage': { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true });

// Re-run pinned to one core with an explicit GC between passes, unless already done.
if (!process.env.PIXELPAIR_BENCH_PINNED) {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const env = { ...process.env, PIXELPAIR_BENCH_PINNED: hasTaskset ? 'taskset -c 0' : 'none' };
  const child = hasTaskset ? spawnSync('taskset', ['-c', '0', process.execPath, ...args], { stdio: 'inherit', env }) : spawnSync(process.execPath, args, { stdio: 'inherit', env });
  process.exit(child.status ?? 1);
}

const quick = values.quick;
const only = values.only ? new Set(values.only.split(',')) : null;
const wants = (s) => !only || only.has(s);
const size = quick
  ? { records: 5_000, passes: 2, warmup: 500, sample: 500, components: 2_000, bodies: 2_000, bodyRepeats: 5, delivery: 2_000, outbox: { deliver: 2_000, enqueue: 300, outage: 0 }, chromium: false }
  : { records: 100_000, passes: 3, warmup: 10_000, sample: 2_000, components: 20_000, bodies: 10_000, bodyRepeats: 10, delivery: 20_000, outbox: { deliver: 100_000, enqueue: 5_000, outage: 1_000_000 }, chromium: true };

const started = performance.now();
const pinned = process.env.PIXELPAIR_BENCH_PINNED === 'none' ? undefined : `bench pinned with ${process.env.PIXELPAIR_BENCH_PINNED}, the stand-in on core 1`;
const sections = [];
const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const timings = {};
let mark = performance.now();
/** Records how long the section that just ended took (the wall time of each part of the run). */
const done = (name) => {
  const t = performance.now();
  timings[name] = Math.round((t - mark) / 100) / 10;
  mark = t;
  log(`${name} done in ${timings[name]} s`);
};

const needsRecords = wants('payload') || wants('components') || wants('bodies') || wants('delivery');
const varied = needsRecords ? variedRecords(size.records) : [];
const journey = wants('payload') ? journeyRecords(size.records) : [];
const prepared = [];
for (const r of varied.slice(0, Math.max(size.bodies, size.delivery))) {
  const out = pixelpair.run(r.envelope);
  if (out.ok) prepared.push(out.prepared);
}
if (needsRecords) done('records');

if (wants('payload')) { sections.push(...payloadSections({ varied, journey, passes: size.passes, warmup: size.warmup, sample: size.sample })); done('payload'); }
if (wants('components')) { sections.push(componentsSection({ records: varied.slice(0, size.components), passes: size.passes, warmup: Math.min(size.warmup, size.components) })); done('components'); }
if (wants('bodies')) {
  sections.push(bodiesSection({ prepared: prepared.slice(0, size.bodies), passes: size.passes, repeats: size.bodyRepeats }));
  sections.push(prepareAndBodiesSection({ envelopes: varied.slice(0, size.bodies).map((r) => r.envelope), passes: size.passes }));
  done('bodies');
}
if (wants('delivery')) { sections.push(await deliverySection({ envelopes: varied.slice(0, size.delivery).map((r) => r.envelope), prepared, passes: Math.min(3, size.passes) })); done('delivery'); }
if (wants('outbox')) { sections.push(...(await outboxSection({ ...size.outbox, quick, postgresOutage: values['postgres-outage'] }))); done('outbox'); }
if (wants('browser')) { sections.push(...(await browserSections({ chromium: size.chromium }))); done('browser'); }

const seconds = (performance.now() - started) / 1000;
const mode = quick ? 'quick' : 'full';
const command = `pnpm bench${quick ? ' --quick' : ''}${only ? ` --only ${values.only}` : ''}`;
const out = values.out ?? path.join(here, '..', 'results', quick ? 'quick' : '');
const md = writeResults(out, { machine: machine(pinned), mode, command, seconds, timings, sections });
console.log(md);
// Pools and sockets of the measured clients may idle for seconds more; the results are written.
process.exit(0);
