/**
 * `pixelpair payload`: envelopes (JSON Lines, stdin) → the v1.3 request bodies that would be
 * sent (one JSON object per line, stdout). Rejections go to stderr as
 * `{ "line", "eventId", "errors": [{ "path", "message" }] }`. Exit 0 all valid, 1 some
 * rejected (valid ones still printed), 2 usage or configuration error.
 */
import { buildRequestBodies } from '../delivery/batch.js';
import { prepareEvent } from '../prepare.js';
import type { PreparedEvent } from '../types.js';
import { prepareConfigFrom } from './config.js';
import { COMMON_FLAGS, flags, guarded, readJsonLines, rejectionLine, writeJson } from './io.js';
import type { CliCommand } from './io.js';

export const PAYLOAD_USAGE = 'usage: pixelpair payload [--pixel-id ID] [--default-country CC] [--test-event-code CODE] < envelopes.jsonl';

export const payloadCommand: CliCommand = (io) =>
  guarded(io, PAYLOAD_USAGE, async () => {
    const values = flags(io.argv, COMMON_FLAGS);
    if (values.help) {
      io.stdout.write(`${PAYLOAD_USAGE}\n`);
      return 0;
    }
    const config = prepareConfigFrom(values, io.env);
    const prepared: PreparedEvent[] = [];
    let rejected = 0;
    for await (const input of readJsonLines(io.stdin)) {
      if (input.parseError) {
        rejected += 1;
        writeJson(io.stderr, rejectionLine(input.line, undefined, [{ path: '', message: input.parseError }]));
        continue;
      }
      const result = prepareEvent(input.value, config);
      if (result.ok) {
        prepared.push(result.prepared);
        if (result.prepared.warnings.length) writeJson(io.stderr, { line: input.line, eventId: result.prepared.event.event_id, warnings: result.prepared.warnings });
      } else {
        rejected += 1;
        writeJson(io.stderr, rejectionLine(input.line, result.eventId, result.errors));
      }
    }
    for (const body of buildRequestBodies(prepared)) writeJson(io.stdout, body);
    return rejected > 0 ? 1 : 0;
  });
