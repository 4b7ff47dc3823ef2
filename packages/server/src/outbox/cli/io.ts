/** The slice of the CLI's io the outbox commands use (the server twin's CliIo satisfies it). */
export interface CliIoLike {
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Stops `worker` like SIGTERM does (tests, embedding). */
  signal?: AbortSignal;
}
