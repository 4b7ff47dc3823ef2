/**
 * CLI commands that need the outbox (enqueue, worker, status, replay, log). Owned by the
 * outbox; the CLI's main registers whatever this exports.
 */
export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Resolves to the exit code. */
export type CliCommand = (io: CliIo) => Promise<number>;

export const outboxCommands: Record<string, CliCommand> = {};
