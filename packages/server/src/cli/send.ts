/**
 * `pixelpair send`: like `payload`, then delivers with retries. The token comes only from
 * TIKTOK_ACCESS_TOKEN (a flag would land in shell history and `ps`). Progress on stderr when
 * it is a terminal; the last stdout line is the JSON summary. Exit 0 only when every
 * envelope was valid and every event was delivered; 1 otherwise; 2 for configuration errors.
 */
import { createTikTok } from '../client.js';
import { silentLogger } from '../delivery/logger.js';
import { resolveApiUrl } from '../delivery/transport.js';
import { prepareConfigFrom } from './config.js';
import { COMMON_FLAGS, flags, guarded, readJsonLines, rejectionLine, UsageError, writeJson } from './io.js';
import type { CliCommand } from './io.js';

export const SEND_USAGE =
  'usage: TIKTOK_ACCESS_TOKEN=… pixelpair send [--pixel-id ID] [--default-country CC] [--test-event-code CODE] [--api-url URL] < envelopes.jsonl';

export const sendCommand: CliCommand = (io) =>
  guarded(io, SEND_USAGE, async () => {
    const values = flags(io.argv, { ...COMMON_FLAGS, 'api-url': { type: 'string' } });
    if (values.help) {
      io.stdout.write(`${SEND_USAGE}\n`);
      return 0;
    }
    const config = prepareConfigFrom(values, io.env);
    const accessToken = io.env.TIKTOK_ACCESS_TOKEN;
    if (!accessToken || !accessToken.trim()) throw new UsageError('pixelpair: TIKTOK_ACCESS_TOKEN is not set (the token is read from the environment only)');
    const apiUrl = resolveApiUrl((values['api-url'] as string | undefined) ?? io.env.TIKTOK_API_URL).toString();

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

    const client = createTikTok({ ...config, accessToken, apiUrl, logger: silentLogger });
    const progress = io.stderr.isTTY ? (done: number, total: number) => io.stderr.write(`\rsent ${done}/${total}`) : undefined;
    const report = await client.send(envelopes, { onProgress: progress });
    await client.close();
    if (progress) io.stderr.write('\n');

    for (const e of report.events) {
      const line = lineOf[e.index] ?? 0;
      if (e.warnings?.length) writeJson(io.stderr, { line, eventId: e.eventId, warnings: e.warnings });
      if (e.status === 'rejected') writeJson(io.stderr, rejectionLine(line, e.eventId, e.errors ?? []));
      else if (e.status !== 'delivered') {
        writeJson(io.stderr, { line, eventId: e.eventId, status: e.status, reason: e.reason, ...(e.code !== undefined ? { code: e.code } : {}), ...(e.requestId ? { requestId: e.requestId } : {}) });
      }
    }
    const summary = {
      delivered: report.delivered,
      rejected: report.rejected + unparsable,
      dropped: report.dropped,
      retries: report.retries,
      requests: report.requests,
      stopped: report.stopped,
    };
    writeJson(io.stdout, summary);
    return summary.rejected === 0 && report.dropped === 0 && report.stopped === 0 ? 0 : 1;
  });
