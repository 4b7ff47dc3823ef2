/** The text of `pixelpair --help` and `pixelpair <command> --help`, rendered from the command definitions. */
import type { CommandSpec, FlagSpec } from './command.js';

export const PROGRAM = 'pixelpair';

const WIDTH = 100;

/** Greedy word wrap: lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

/** Two columns; the right one wraps under itself. */
function columns(rows: Array<[string, string]>): string[] {
  const left = Math.min(30, Math.max(...rows.map(([l]) => l.length)));
  const pad = ' '.repeat(2 + left + 2);
  return rows.flatMap(([l, r]) => {
    const right = wrap(r, Math.max(40, WIDTH - pad.length));
    const first = l.length > left ? [`  ${l}`, `${pad}${right[0]}`] : [`  ${l.padEnd(left)}  ${right[0]}`];
    return [...first, ...right.slice(1).map((line) => `${pad}${line}`)];
  });
}

function flagLeft(name: string, f: FlagSpec): string {
  const long = `--${name}${f.type === 'string' ? ` ${f.value ?? 'VALUE'}` : ''}`;
  return f.short ? `-${f.short}, ${long}` : long;
}

function flagRight(f: FlagSpec): string {
  const notes = [
    ...(f.max !== undefined ? [`1–${f.max}`] : []),
    ...(f.multiple ? ['repeatable'] : []),
    ...(f.default !== undefined ? [`default: ${f.default}`] : []),
  ];
  return notes.length ? `${f.description} (${notes.join('; ')})` : f.description;
}

export function exampleLine(spec: CommandSpec, program = PROGRAM): string {
  const { env, args, input } = spec.example;
  return [env, program, spec.name, args, input ? `< ${input}` : undefined].filter(Boolean).join(' ');
}

/** The one line shown after a usage error. */
export function usageLine(spec: CommandSpec, program = PROGRAM): string {
  return `usage: ${program} ${spec.name} [flags]${spec.input ? ` ${spec.input}` : ''}   (\`${program} ${spec.name} --help\` lists them)`;
}

export function renderHelp(spec: CommandSpec, program = PROGRAM): string {
  const lines = [
    `${program} ${spec.name}: ${spec.summary}`,
    '',
    `usage: ${program} ${spec.name} [flags]${spec.input ? ` ${spec.input}` : ''}`,
    ...(spec.description?.length ? ['', ...spec.description] : []),
    '',
    'flags:',
    ...columns(Object.entries(spec.flags).map(([name, f]) => [flagLeft(name, f), flagRight(f)])),
    '',
    spec.env.length ? 'environment (access tokens and keys are read only from here, never from a flag):' : 'environment: none',
    ...(spec.env.length ? columns(spec.env.map((e) => [e.name, e.description])) : []),
    '',
    'exit codes:',
    ...columns(spec.exitCodes.map(([code, meaning]) => [String(code), meaning])),
    '',
    'example:',
    `  ${exampleLine(spec, program)}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function renderOverview(specs: readonly CommandSpec[], program = PROGRAM): string {
  const lines = [
    `${program}: one deduplicated pair per action, browser pixel + server API (TikTok, Meta, Google)`,
    '',
    `usage: ${program} <command> [flags]`,
    '',
    'commands:',
    ...columns(specs.map((s) => [s.name, s.summary])),
    '',
    ...wrap(
      `\`${program} <command> --help\` (or \`${program} help <command>\`) shows a command's flags with their ` +
        'defaults, the environment it reads, its exit codes and an example. Access tokens and keys are read only from the ' +
        'environment (TIKTOK_ACCESS_TOKEN, META_ACCESS_TOKEN, GOOGLE_APPLICATION_CREDENTIALS, …), never from a flag. ' +
        'Input is JSON Lines on stdin; results are JSON on stdout; rejections and progress go to stderr.',
      WIDTH,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
