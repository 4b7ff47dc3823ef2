#!/usr/bin/env node
/**
 * `pixelpair <command>`: a small dispatcher. payload/send/doctor live beside this file; the
 * outbox's commands are registered from outbox-commands.js.
 */
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { doctorCommand } from './doctor.js';
import { outboxCommands } from './outbox-commands.js';
import type { CliCommand, CliIo } from './io.js';
import { payloadCommand } from './payload.js';
import { sendCommand } from './send.js';

export const commands: Record<string, CliCommand> = {
  payload: payloadCommand,
  send: sendCommand,
  doctor: doctorCommand,
  ...outboxCommands,
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
    io.stderr.write(`pixelpair: unknown command "${name}"\n${HELP}\n`);
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
      process.stderr.write(`pixelpair: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
