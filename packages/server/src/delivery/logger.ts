/**
 * The delivery log goes through any pino-compatible logger: `info/warn/error(obj, msg)`.
 * Records carry booleans and hashes' absence/presence, never the token or raw PII.
 */
import type { Writable } from 'node:stream';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** pino's: false lets the caller skip building a record nobody keeps. */
  isLevelEnabled?(level: string): boolean;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, isLevelEnabled: () => false };

/** Would `logger` keep a record at `level`? True unless it says otherwise. */
export function logsAt(logger: Logger, level: LogLevel): boolean {
  return typeof logger.isLevelEnabled === 'function' ? logger.isLevelEnabled(level) : true;
}

export type LogLevel = 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { info: 30, warn: 40, error: 50 };

/** A tiny JSON-lines logger (pino's record shape: level number, time, msg) for when no logger is given. */
export function jsonLogger(stream: Pick<Writable, 'write'> = process.stderr, minLevel: LogLevel = 'warn'): Logger {
  const write = (level: LogLevel) => (obj: object, msg?: string) => {
    if (RANK[level] < RANK[minLevel]) return;
    stream.write(`${JSON.stringify({ level: RANK[level], time: Date.now(), ...obj, ...(msg ? { msg } : {}) })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), isLevelEnabled: (level) => level in RANK && RANK[level as LogLevel] >= RANK[minLevel] };
}
