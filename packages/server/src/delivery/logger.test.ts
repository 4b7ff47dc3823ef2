import { describe, expect, it } from 'vitest';
import { jsonLogger, logsAt, silentLogger } from './logger.js';

describe('logsAt: may the client skip building a record?', () => {
  it('follows the logger: jsonLogger by its level, silentLogger never, a logger that cannot say always', () => {
    const lines: string[] = [];
    const warnOnly = jsonLogger({ write: (s: string) => lines.push(s) } as never, 'warn');
    expect([logsAt(warnOnly, 'info'), logsAt(warnOnly, 'warn'), logsAt(warnOnly, 'error')]).toEqual([false, true, true]);
    expect(logsAt(jsonLogger({ write: () => true } as never, 'info'), 'info')).toBe(true);
    expect(logsAt(silentLogger, 'error')).toBe(false);
    expect(logsAt({ info() {}, warn() {}, error() {} }, 'info')).toBe(true);
  });
});
