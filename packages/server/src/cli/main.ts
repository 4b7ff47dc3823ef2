#!/usr/bin/env node
/**
 * `pixelpair <command>`: a small dispatcher over every command, each defined in its own file
 * beside this one with its flags, environment, exit codes and example (which are also its
 * help). Configuration errors exit 2, delivery failures 1, success 0.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from './command.js';
import { doctorCommand } from './doctor.js';
import { emulatorCommand } from './emulator.js';
import { enqueueCommand } from './enqueue.js';
import { PROGRAM, renderOverview } from './help.js';
import { logCommand, replayCommand, statusCommand } from './inspect.js';
import type { CliIo } from './io.js';
import { payloadCommand } from './payload.js';
import { sendCommand } from './send.js';
import { workerCommand } from './worker.js';

export const commands: Record<string, Command> = Object.fromEntries(
  [payloadCommand, sendCommand, doctorCommand, enqueueCommand, workerCommand, statusCommand, replayCommand, logCommand, emulatorCommand].map((c) => [c.spec.name, c]),
);

const lookup = (name: string): Command | undefined => (Object.hasOwn(commands, name) ? commands[name] : undefined);

export async function run(argv: string[], io: Omit<CliIo, 'argv'>): Promise<number> {
  const [name, ...rest] = argv;
  const overview = renderOverview(Object.values(commands).map((c) => c.spec), io.program ?? PROGRAM);
  if (name === '--help' || name === '-h') {
    io.stdout.write(overview);
    return 0;
  }
  if (name === 'help') {
    // `pixelpair help worker` is `pixelpair worker --help`; an unknown name gets the overview.
    const command = rest[0] !== undefined ? lookup(rest[0]) : undefined;
    if (command) return command({ ...io, argv: ['--help'] });
    io.stdout.write(overview);
    return 0;
  }
  if (!name) {
    io.stderr.write(overview);
    return 2;
  }
  const command = lookup(name);
  if (!command) {
    // Never echo the word: it may be a token pasted in the wrong place.
    io.stderr.write(`${io.program ?? PROGRAM}: unknown command (the list is below)\n\n${overview}`);
    return 2;
  }
  return command({ ...io, argv: rest });
}

/** Runs the CLI in this process with its streams and sets the exit code (the bin and the repo's root script). */
export async function main(argv: string[], options: { program?: string } = {}): Promise<void> {
  try {
    process.exitCode = await run(argv, { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, ...options });
  } catch (error) {
    process.stderr.write(`pixelpair: unexpected error: ${(error as Error)?.name ?? 'Error'}\n`);
    process.exitCode = 1;
  }
}

function isMain(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) await main(process.argv.slice(2));
