/**
 * `pixelpair <command> --help` for every command, checked against the parser each command
 * really uses: every flag it accepts is listed with its default, nothing is listed that it
 * refuses, the example parses, and the top-level help lists every command.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TOKEN } from '../../test-support/envelopes.js';
import type { Command } from './command.js';
import { flags } from './io.js';
import { commands, run } from './main.js';

const EVERY_COMMAND = ['payload', 'send', 'doctor', 'enqueue', 'worker', 'status', 'replay', 'log', 'emulator'];
const dir = mkdtempSync(path.join(tmpdir(), 'pp-cli-help-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], env: Record<string, string> = {}, signal?: AbortSignal) {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) => {
    const s = new PassThrough();
    s.on('data', (c: Buffer) => add(String(c)));
    return s;
  };
  const code = await run(argv, { env, stdin: Readable.from(['']), stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), ...(signal ? { signal } : {}) });
  return { code, out, err };
}

/** The lines of one help section, e.g. `flags:` up to the next blank line. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((l) => l.startsWith(title));
  expect(start, `help has a "${title}" section`).toBeGreaterThan(-1);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe('pixelpair --help', () => {
  it('lists every command, emulator included, with its one-line summary (exit 0)', async () => {
    expect(Object.keys(commands)).toEqual(EVERY_COMMAND);
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    const listed = section(r.out, 'commands:').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(listed).toEqual(EVERY_COMMAND);
    for (const c of Object.values(commands)) expect(r.out.replace(/\s+/g, ' ')).toContain(`${c.spec.name} ${c.spec.summary}`);
    expect((await cli(['-h'])).out).toBe(r.out);
    expect((await cli(['help'])).out).toBe(r.out);
  });

  it('with no command: the same list on stderr, exit 2', async () => {
    const r = await cli([]);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toContain('emulator');
  });
});

describe.each(EVERY_COMMAND)('pixelpair %s --help', (name) => {
  const command = commands[name] as Command;

  it('exits 0 and lists every flag the parser accepts, with its default, and no other', async () => {
    const r = await cli([name, '--help']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const listed = section(r.out, 'flags:').flatMap((l) => [...l.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/g)].map((m) => m[1]));
    expect(listed.sort()).toEqual(Object.keys(command.options).sort());
    for (const [flag, spec] of Object.entries(command.spec.flags)) {
      if (spec.default !== undefined) expect(r.out.replace(/\s+/g, ' ')).toContain(`default: ${spec.default}`);
      // A flag help does not list is refused: the parser is the definition.
      expect(command.options[flag]).toMatchObject({ type: spec.type });
    }
    expect((await cli([name, '--not-a-flag'])).code).toBe(2);
  });

  it('says what it reads from the environment, its exit codes and one runnable example', async () => {
    const help = (await cli([name, '-h'])).out;
    expect(help).toMatch(new RegExp(`^pixelpair ${name}: \\S`));
    const first = (lines: string[]) => lines.filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    const env = first(section(help, 'environment'));
    expect(env).toEqual(command.spec.env.map((e) => e.name));
    const codes = first(section(help, 'exit codes:'));
    expect(codes).toEqual(expect.arrayContaining(['0', '2']));
    const [example] = section(help, 'example:');
    expect(example).toContain(`pixelpair ${name} ${command.spec.example.args}`);
    // The example's flags are ones the parser takes, with values it accepts as flags.
    expect(() => flags(command.spec.example.args.split(' '), command.options)).not.toThrow();
    expect((await cli(['help', name])).out).toBe(help);
  });

  it('never echoes a stray argument or flag that may be a token (exit 2)', async () => {
    for (const argv of [[`--${TOKEN}`], [`--${TOKEN}=x`], [TOKEN], ['--store', 'x', `-${TOKEN}`]]) {
      const r = await cli([name, ...argv]);
      expect(r.code).toBe(2);
      expect(r.out + r.err).not.toContain(TOKEN.slice(2, 12));
    }
    // A flag-shaped token is named back only when it is not a secret the environment holds.
    const flagShaped = 'abcd-efgh-ijkl-mnop';
    const r = await cli([name, `--${flagShaped}`], { TIKTOK_ACCESS_TOKEN: flagShaped, META_ACCESS_TOKEN: flagShaped });
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toContain(flagShaped);
  });
});

describe('the top level never echoes what it does not know', () => {
  it.each([[[TOKEN]], [[`--${TOKEN}`]], [['help', TOKEN]], [[`-${TOKEN}`]]])('%j', async (argv) => {
    const r = await cli(argv);
    expect(r.out + r.err).not.toContain(TOKEN.slice(2, 12));
    expect(r.out + r.err).toContain('commands:');
  });
});

describe('defaults shown are the defaults used', () => {
  it("worker: the concurrency and batch size it starts with are its help's defaults", async () => {
    const stop = new AbortController();
    stop.abort();
    const r = await cli(['worker', '--store', `sqlite:${path.join(dir, 'defaults.db')}`], { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: 'CPIXEL' }, stop.signal);
    expect(r.code).toBe(0);
    const started = JSON.parse(r.err.split('\n').find((l) => l.includes('worker started'))!) as Record<string, unknown>;
    const spec = commands.worker!.spec.flags;
    expect(started).toMatchObject({ concurrency: spec.concurrency!.default, batchSize: spec['batch-size']!.default });
  });

  it('worker: a value above the bound the help shows is refused, the bound itself is taken', async () => {
    const env = { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: 'CPIXEL' };
    const store = `sqlite:${path.join(dir, 'bound.db')}`;
    const flags = commands.worker!.spec.flags;
    for (const name of ['concurrency', 'batch-size']) {
      const over = await cli(['worker', '--store', store, `--${name}`, String(flags[name]!.max! + 1)], env);
      expect(over).toMatchObject({ code: 2, err: expect.stringContaining(`--${name}: expected a whole number from 1 to ${flags[name]!.max}`) });
    }
    const stop = new AbortController();
    stop.abort();
    const atMax = await cli(['worker', '--store', store, '--batch-size', String(flags['batch-size']!.max)], env, stop.signal);
    expect(atMax.code).toBe(0);
    expect(atMax.err).toContain(`"batchSize":${flags['batch-size']!.max}`);
  });
});

describe('every variable the CLI reads is in some help', () => {
  it('the names read in cli/*.ts appear in the help of the commands that read them', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('-help.ts'));
    const read = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(path.join(here, file), 'utf8');
      for (const m of text.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)/g)) read.add(m[1]!);
      // destinations.ts names its variables in a table: `pixelId: 'TIKTOK_PIXEL_ID'`.
      for (const m of text.matchAll(/: '((?:TIKTOK|META|GOOGLE)_[A-Z0-9_]+)'/g)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(15);
    const helps = await Promise.all(EVERY_COMMAND.map(async (n) => section((await cli([n, '--help'])).out, 'environment').join('\n')));
    for (const name of read) expect(helps.some((h) => h.includes(`  ${name} `)), name).toBe(true);
    // A command that sends reads every destination variable, tokens included; one that does not, no token.
    const send = helps[EVERY_COMMAND.indexOf('send')]!;
    for (const name of read) if (!['PIXELPAIR_STORE', 'EMULATOR_PORT'].includes(name) && !name.startsWith('PIXELPAIR_EMULATOR')) expect(send, name).toContain(name);
    const payload = helps[EVERY_COMMAND.indexOf('payload')]!;
    for (const secret of ['TIKTOK_ACCESS_TOKEN', 'META_ACCESS_TOKEN', 'META_APP_SECRET', 'GOOGLE_APPLICATION_CREDENTIALS']) expect(payload).not.toContain(secret);
  });
});
