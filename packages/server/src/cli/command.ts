/**
 * One definition per command: its flags (what the parser accepts *and* what help lists, with
 * defaults), the environment it reads, its exit codes and an example. `--help` / `-h` print
 * that definition; nothing about a command's surface is written twice, so the help cannot
 * drift from the parser.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Flags } from './destinations.js';
import { renderHelp, usageLine } from './help.js';
import { flags, guarded, type CliCommand, type CliIo } from './io.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in help: `ID`, `N`, `URL`. */
  value?: string;
  /** The default as help shows it. A number is also the value the command uses (see `wholeNumber`). */
  default?: string | number;
  /** Whole-number flags: the largest accepted value (the smallest is 1). */
  max?: number;
  description: string;
}

export type FlagTable = Record<string, FlagSpec>;

export interface EnvSpec {
  name: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  /** One line, for `pixelpair --help`. */
  summary: string;
  /** What the command does, a few short lines. */
  description?: string[];
  /** What follows the flags in the synopsis, e.g. `< envelopes.jsonl`. */
  input?: string;
  flags: FlagTable;
  env: EnvSpec[];
  exitCodes: Array<[code: number, meaning: string]>;
  /** `args` are passed through the command's parser by a test, so the example stays runnable. */
  example: { env?: string; args: string; input?: string };
  run(io: CliIo, values: Flags): Promise<number>;
}

/** A runnable command that also carries its definition (for help and tests). */
export interface Command extends CliCommand {
  spec: CommandSpec;
  options: NonNullable<ParseArgsConfig['options']>;
}

const HELP_FLAG: FlagTable = { help: { type: 'boolean', short: 'h', description: 'print this help and exit 0' } };

/** The parser's view of a flag table: only what node:util's parseArgs reads. */
export function parserOptions(table: FlagTable): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(table).map(([name, f]) => [name, { type: f.type, ...(f.multiple ? { multiple: true } : {}), ...(f.short ? { short: f.short } : {}) }]),
  );
}

/** `--help` or `-h` anywhere before a `--` asks for help, whatever else is on the line. */
export function asksForHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

export function defineCommand(definition: CommandSpec): Command {
  const spec: CommandSpec = { ...definition, flags: { ...definition.flags, ...HELP_FLAG } };
  const options = parserOptions(spec.flags);
  const command = async (io: CliIo): Promise<number> => {
    if (asksForHelp(io.argv)) {
      io.stdout.write(renderHelp(spec, io.program));
      return 0;
    }
    return guarded(io, usageLine(spec, io.program), () => spec.run(io, flags(io.argv, options)));
  };
  return Object.assign(command, { spec, options });
}
