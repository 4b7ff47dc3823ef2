// Type-checks every ```ts / ```tsx block of the repo's Markdown against the built workspace
// packages, so a README that names a wrong export or a stale option fails CI, not a reader.
//
// Conventions, an HTML comment on the line(s) right before a block:
//   <!-- ts-context: declare const order: { id: string }; -->   prepended to the block (may span lines)
//   <!-- ts-nocheck: reason -->                                  the block is deliberately partial; counted as skipped
// A line `// Name.tsx …` at the start of a line inside a block starts another file (a block that shows
// main.tsx and a component is two modules, each with its own imports).
// Each block is its own ES module (`export {}` appended), compiled as if it sat in a Vite + React
// app on Node (DOM and node types, `import.meta.env`), with the repo's strict tsconfig.base.json.
//
// Usage: node scripts/check-doc-snippets.mjs [--list]   (needs `pnpm build` of packages/* first)
// Writes doc-snippets.json (vitest's counting shape) into PIXELPAIR_REPORT_DIR when set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FENCE = /^\s*```(ts|tsx|typescript)\s*$/;

/** Markdown the repo tracks (not node_modules, not generated reports). */
function markdownFiles() {
  const out = spawnSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' });
  return out.stdout.split('\n').filter((f) => f && !f.includes('node_modules/'));
}

/** Blocks of one file: { file, line (1-based, of the first code line), lang, code, context, nocheck }. */
export function extractBlocks(file, text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    const indent = /^\s*/.exec(lines[i])[0].length;
    const code = lines.slice(start, end).map((l) => l.slice(Math.min(indent, /^\s*/.exec(l)[0].length)));
    blocks.push({ file, line: start + 1, lang: open[1] === 'tsx' ? 'tsx' : 'ts', code, ...directivesBefore(lines, i) });
    i = end;
  }
  return blocks;
}

const FILE_MARK = /^\/\/ [\w./-]+\.(tsx?|mts)\b/;

/** A block's files: split where a line comment names the next file. */
function splitFiles(block) {
  const parts = [];
  block.code.forEach((line, k) => {
    const mark = FILE_MARK.exec(line);
    if (parts.length === 0 || (mark && parts.at(-1).code.some((l) => l.trim() && !FILE_MARK.test(l)))) {
      parts.push({ line: block.line + k, lang: mark ? (mark[1] === 'tsx' ? 'tsx' : 'ts') : block.lang, code: [] });
    }
    parts.at(-1).code.push(line);
  });
  return parts.length ? parts : [{ line: block.line, lang: block.lang, code: [] }];
}

/** The HTML comments directly above a fence (blank lines allowed between them). */
function directivesBefore(lines, fenceIndex) {
  let j = fenceIndex - 1;
  const comments = [];
  while (j >= 0) {
    if (lines[j].trim() === '') { j--; continue; }
    if (!lines[j].trimEnd().endsWith('-->')) break;
    let k = j;
    while (k >= 0 && !lines[k].includes('<!--')) k--;
    if (k < 0) break;
    comments.unshift(lines.slice(k, j + 1).join('\n'));
    j = k - 1;
  }
  let context = [];
  let nocheck;
  for (const c of comments) {
    const body = c.replace(/^\s*<!--/, '').replace(/-->\s*$/, '').trim();
    if (body.startsWith('ts-context:')) context = context.concat(body.slice('ts-context:'.length).trim().split('\n'));
    else if (body.startsWith('ts-nocheck:')) nocheck = body.slice('ts-nocheck:'.length).trim();
  }
  return { context, nocheck };
}

/** node_modules for the temp project: the workspace packages plus every dependency any workspace package has. */
function linkModules(dir) {
  const modules = path.join(dir, 'node_modules');
  mkdirSync(path.join(modules, '@pixelpair'), { recursive: true });
  mkdirSync(path.join(modules, '@types'), { recursive: true });
  const roots = [root, ...['packages', 'apps'].flatMap((d) => readdirSync(path.join(root, d)).map((p) => path.join(root, d, p)))];
  for (const pkg of roots) {
    const manifest = path.join(pkg, 'package.json');
    if (pkg !== root && existsSync(manifest)) {
      const name = JSON.parse(readFileSync(manifest, 'utf8')).name;
      const target = path.join(modules, name);
      if (name?.startsWith('@pixelpair/') && !existsSync(target)) symlinkSync(pkg, target);
    }
    const nm = path.join(pkg, 'node_modules');
    if (!existsSync(nm)) continue;
    for (const entry of readdirSync(nm)) {
      if (entry.startsWith('.') || entry === '@pixelpair') continue;
      const scoped = entry.startsWith('@') ? readdirSync(path.join(nm, entry)).map((s) => `${entry}/${s}`) : [entry];
      for (const name of scoped) {
        const target = path.join(modules, name);
        mkdirSync(path.dirname(target), { recursive: true });
        if (!existsSync(target)) symlinkSync(path.join(nm, name), target);
      }
    }
  }
}

function main() {
  const list = process.argv.includes('--list');
  const blocks = markdownFiles().flatMap((f) => extractBlocks(f, readFileSync(path.join(root, f), 'utf8')));
  const checked = blocks.filter((b) => !b.nocheck);
  const skipped = blocks.filter((b) => b.nocheck);
  if (list) {
    for (const b of blocks) console.log(`${b.file}:${b.line} ${b.lang}${b.nocheck ? ` (not checked: ${b.nocheck})` : ''}`);
    return;
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'pixelpair-doc-snippets-'));
  const failures = new Map(); // block index -> messages
  try {
    linkModules(dir);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'doc-snippets', private: true, type: 'module' }));
    // What a Vite app's vite-env.d.ts gives the README's browser snippets.
    writeFileSync(path.join(dir, 'env.d.ts'), 'interface ImportMeta { readonly env: Record<string, string | undefined> }\n');
    const files = ['env.d.ts'];
    const offsets = [];
    checked.forEach((b, i) => {
      for (const part of splitFiles(b)) {
        const name = `snippet-${offsets.length}.${part.lang}`;
        files.push(name);
        offsets.push({ name, block: { ...b, line: part.line }, i, contextLines: b.context.length });
        writeFileSync(path.join(dir, name), `${[...b.context, ...part.code].join('\n')}\nexport {};\n`);
      }
    });
    const base = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
    const compilerOptions = {
      ...base, declaration: false, sourceMap: false, noEmit: true, skipLibCheck: true,
      lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: ['node'], jsx: 'react-jsx',
    };
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }, null, 2));
    const tsc = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
    const output = `${tsc.stdout}${tsc.stderr}`;
    const unplaced = [];
    for (const line of output.split('\n')) {
      const m = /^(snippet-(\d+)\.tsx?)\((\d+),(\d+)\): (.*)$/.exec(line.trim());
      if (!m) {
        if (line.trim()) unplaced.push(line.trim());
        continue;
      }
      const o = offsets[Number(m[2])];
      const at = Number(m[3]) - 1 - o.contextLines;
      const where = at < 0 ? `${o.block.file}:${o.block.line} (in its ts-context)` : `${o.block.file}:${o.block.line + at}:${m[4]}`;
      if (!failures.has(o.i)) failures.set(o.i, []);
      failures.get(o.i).push(`${where} ${m[5]}`);
    }
    if (tsc.status !== 0 && failures.size === 0) {
      console.error(output || `tsc exited with ${tsc.status}`);
      failures.set(-1, unplaced);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  for (const messages of failures.values()) for (const m of messages) console.error(m);
  const failed = failures.size;
  const passed = checked.length - [...failures.keys()].filter((k) => k >= 0).length;
  console.log(`doc snippets: ${checked.length} checked in ${new Set(blocks.map((b) => b.file)).size} files, ${passed} passed, ${failed} failed, ${skipped.length} not checked`);
  for (const b of skipped) console.log(`  not checked: ${b.file}:${b.line} (${b.nocheck})`);
  if (process.env.PIXELPAIR_REPORT_DIR) {
    mkdirSync(process.env.PIXELPAIR_REPORT_DIR, { recursive: true });
    writeFileSync(
      path.join(process.env.PIXELPAIR_REPORT_DIR, 'doc-snippets.json'),
      JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped.length }),
    );
  }
  process.exit(failed > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
