/** Renders the sections as Markdown tables and writes results/latest.md and latest.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machineLine } from './machine.mjs';

const cell = (v) => String(v).replace(/\|/g, '\\|');

export function sectionMarkdown(s) {
  const lines = [`### ${s.title}`, '', `| ${s.columns.map(cell).join(' | ')} |`, `|${s.columns.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const row of s.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  for (const n of s.notes ?? []) lines.push('', n);
  return lines.join('\n');
}

export function markdown({ machine, mode, command, sections, seconds, timings = {} }) {
  return [
    `## pixelpair bench (${mode})`,
    '',
    `Machine: ${machineLine(machine)}.`,
    `Command: \`${command}\`; wall time ${seconds.toFixed(0)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v} s`).join(', ')}).`,
    '',
    ...sections.map((s) => `${sectionMarkdown(s)}\n`),
  ].join('\n');
}

export function writeResults(dir, run) {
  mkdirSync(dir, { recursive: true });
  const md = markdown(run);
  writeFileSync(path.join(dir, 'latest.md'), `${md}\n`);
  const json = { ...run, sections: run.sections.map(({ title, columns, rows, notes, data }) => ({ title, columns, rows, notes, data })) };
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  return md;
}
