/**
 * `pixelpair send [--destination tiktok|meta|google|tiktok,meta,…]`: like `payload`, then delivers with
 * retries. Tokens come only from the environment (TIKTOK_ACCESS_TOKEN, META_ACCESS_TOKEN).
 * Progress on stderr when it is a terminal; the last stdout line is the JSON summary. Exit 0
 * only when every envelope was valid and every copy was delivered; 1 otherwise; 2 for
 * configuration errors (checked before anything is read or sent).
 */
import { createClient } from '../client.js';
import { silentLogger } from '../delivery/logger.js';
import { destinationsFrom, normalizeSettingsFrom } from './destinations.js';
import { COMMON_FLAGS, flags, guarded, readJsonLines, rejectionLine, writeJson } from './io.js';
import type { CliCommand } from './io.js';

export const SEND_USAGE =
  'usage: TIKTOK_ACCESS_TOKEN=… pixelpair send [--destination tiktok|meta|google|tiktok,meta,…] [--pixel-id ID] [--default-country CC] [--test-event-code CODE] [--api-url URL] < envelopes.jsonl';

export const sendCommand: CliCommand = (io) =>
  guarded(io, SEND_USAGE, async () => {
    const values = flags(io.argv, COMMON_FLAGS);
    if (values.help) {
      io.stdout.write(`${SEND_USAGE}\n`);
      return 0;
    }
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
  });
