/**
 * `pixelpair send`: like `payload`, then delivers each copy with retries; the last stdout line
 * is the JSON summary. Exit 0 only means "every envelope valid, every copy delivered".
 */
import { createClient } from '../client.js';
import { silentLogger } from '../delivery/logger.js';
import { defineCommand } from './command.js';
import { destinationEnv, DESTINATION_FLAG_SPECS } from './destination-help.js';
import { destinationsFrom, normalizeSettingsFrom } from './destinations.js';
import { readJsonLines, rejectionLine, writeJson } from './io.js';

export const sendCommand = defineCommand({
  name: 'send',
  summary: 'envelopes on stdin → delivered to each destination with retries, then a JSON summary',
  description: [
    'Reads every line, sends the valid ones (4 requests in flight, retrying what can be retried) and',
    'prints { delivered, rejected, dropped, retries, requests, stopped } as the last stdout line',
    '(byDestination too with several destinations). Rejected and undelivered lines go to stderr;',
    'progress too when stderr is a terminal. Settings are checked before anything is read or sent.',
  ],
  input: '< envelopes.jsonl',
  flags: DESTINATION_FLAG_SPECS,
  env: destinationEnv({ send: true }),
  exitCodes: [
    [0, 'every envelope valid and every copy delivered'],
    [1, 'something was rejected, dropped or stopped by a token error (see stderr)'],
    [2, 'usage or configuration error: nothing was sent'],
  ],
  example: { env: 'TIKTOK_ACCESS_TOKEN=…', args: '--pixel-id C4ABCDEF123', input: 'envelopes.jsonl' },
  run: async (io, values) => {
    const destinations = destinationsFrom(values, io.env, { send: true, multiple: true });
    const client = createClient({ destinations, ...normalizeSettingsFrom(values), logger: silentLogger });
    const many = destinations.length > 1;

    const envelopes: unknown[] = [];
    const lineOf: number[] = [];
    let unparsable = 0;
    for await (const input of readJsonLines(io.stdin)) {
      if (input.parseError) {
        unparsable += 1;
        writeJson(io.stderr, rejectionLine(input.line, undefined, [{ path: '', message: input.parseError }]));
        continue;
      }
      envelopes.push(input.value);
      lineOf.push(input.line);
    }

    const progress = io.stderr.isTTY ? (done: number, total: number) => io.stderr.write(`\rsent ${done}/${total}`) : undefined;
    const report = await client.send(envelopes, { onProgress: progress });
    await client.close();
    if (progress) io.stderr.write('\n');

    const reported = new Set<number>();
    for (const e of report.events) {
      const line = lineOf[e.index] ?? 0;
      const which = many ? { destination: e.destination } : {};
      if (e.warnings?.length) writeJson(io.stderr, { line, eventId: e.eventId, ...which, warnings: e.warnings });
      if (e.status === 'rejected') {
        // A malformed envelope is rejected for every destination: report it once.
        if (reported.has(e.index) && !many) continue;
        reported.add(e.index);
        writeJson(io.stderr, { ...rejectionLine(line, e.eventId, e.errors ?? []), ...which });
      } else if (e.status !== 'delivered' && e.status !== 'skipped') {
        writeJson(io.stderr, { line, eventId: e.eventId, ...which, status: e.status, reason: e.reason, ...(e.code !== undefined ? { code: e.code } : {}), ...(e.requestId ? { requestId: e.requestId } : {}) });
      }
    }
    const summary = {
      delivered: report.delivered,
      rejected: report.rejected + unparsable,
      dropped: report.dropped,
      retries: report.retries,
      requests: report.requests,
      stopped: report.stopped,
      ...(many ? { byDestination: Object.fromEntries(Object.entries(report.byDestination).map(([d, s]) => [d, { delivered: s!.delivered, rejected: s!.rejected, dropped: s!.dropped, stopped: s!.stopped }])) } : {}),
    };
    writeJson(io.stdout, summary);
    return summary.rejected === 0 && report.dropped === 0 && report.stopped === 0 ? 0 : 1;
  },
});
