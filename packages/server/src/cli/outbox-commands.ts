/**
 * CLI commands that need the outbox (enqueue, worker, status, replay, log). Owned by the
 * outbox; the CLI's main registers whatever this exports. Usage and configuration errors
 * exit 2 with a message on stderr; they never echo the access token.
 */
import { UsageError, type CliCommand, type CliIo } from './io.js';
import { enqueueCommand } from '../outbox/cli/enqueue.js';
import { logCommand, replayCommand, statusCommand } from '../outbox/cli/inspect.js';
import { workerCommand } from '../outbox/cli/worker.js';

export type { CliCommand, CliIo };

function guarded(run: CliCommand): CliCommand {
  return async (io) => {
    try {
      return await run(io);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const token = io.env.TIKTOK_ACCESS_TOKEN;
      io.stderr.write(`${token ? message.split(token).join('***') : message}\n`);
      return error instanceof UsageError || /^(outbox|--store|pixelpair|createOutbox)/.test(message) ? 2 : 1;
    }
  };
}

export const outboxCommands: Record<string, CliCommand> = {
  enqueue: guarded(enqueueCommand),
  worker: guarded(workerCommand),
  status: guarded(statusCommand),
  replay: guarded(replayCommand),
  log: guarded(logCommand),
};
