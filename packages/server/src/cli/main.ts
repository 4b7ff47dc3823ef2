#!/usr/bin/env node
/**
 * `pixelpair <command>`: a small dispatcher over every command, each in its own file beside
 * this one. Configuration errors exit 2, delivery failures 1, success 0.
 */
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { doctorCommand } from './doctor.js';
import { enqueueCommand } from './enqueue.js';
import { logCommand, replayCommand, statusCommand } from './inspect.js';
import type { CliCommand, CliIo } from './io.js';
import { payloadCommand } from './payload.js';
import { sendCommand } from './send.js';
import { workerCommand } from './worker.js';

export const commands: Record<string, CliCommand> = {
  payload: payloadCommand,
  send: sendCommand,
  doctor: doctorCommand,
  enqueue: enqueueCommand,
  worker: workerCommand,
  status: statusCommand,
  replay: replayCommand,
  log: logCommand,
};

const HELP = `usage: pixelpair <command> [flags]\ncommands: ${Object.keys(commands).join(', ')}\nrun \`pixelpair <command> --help\` for a command's flags`;

export async function run(argv: string[], io: Omit<CliIo, 'argv'>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr.write(`pixelpair: unknown command (run \`pixelpair --help\` for the list)\n${HELP}\n`);
    return 2;
  }
  return command({ ...io, argv: rest });
}

function isMain(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  run(process.argv.slice(2), { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`pixelpair: unexpected error: ${(error as Error)?.name ?? 'Error'}\n`);
      process.exitCode = 1;
    },
  );
}
