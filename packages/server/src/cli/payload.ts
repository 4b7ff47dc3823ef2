/**
 * `pixelpair payload [--destination tiktok|meta|google|tiktok,meta,…]`: envelopes (JSON Lines, stdin) →
 * the request bodies that would be sent, per destination, exactly as they would go on the wire
 * (one JSON object per line, stdout; no token). Rejections go to stderr as
 * `{ "line", "eventId", "errors": [{ "path", "message" }] }` (with `destination` when only one
 * destination refused). Exit 0 all valid, 1 some rejected (valid ones still printed), 2 usage
 * or configuration error. Needs no credentials.
 */
import type { PreparedEvent } from '../destinations/destination.js';
import { groupForRequests } from '../delivery/batch.js';
import { prepareForDestinations } from '../prepare.js';
import { destinationsFrom, normalizeSettingsFrom } from './destinations.js';
import { COMMON_FLAGS, flags, guarded, readJsonLines, rejectionLine, writeJson } from './io.js';
import type { CliCommand } from './io.js';

export const PAYLOAD_USAGE = 'usage: pixelpair payload [--destination tiktok|meta|google|tiktok,meta,…] [--pixel-id ID] [--default-country CC] [--test-event-code CODE] [--customer-id ID --conversion-action Event=ID…] < envelopes.jsonl';

export const payloadCommand: CliCommand = (io) =>
  guarded(io, PAYLOAD_USAGE, async () => {
    const values = flags(io.argv, COMMON_FLAGS);
    if (values.help) {
      io.stdout.write(`${PAYLOAD_USAGE}\n`);
      return 0;
    }
    const destinations = destinationsFrom(values, io.env, { send: false, multiple: true });
    const settings = normalizeSettingsFrom(values);
    const prepared: PreparedEvent[] = [];
    let rejected = 0;
    for await (const input of readJsonLines(io.stdin)) {
      if (input.parseError) {
        rejected += 1;
        writeJson(io.stderr, rejectionLine(input.line, undefined, [{ path: '', message: input.parseError }]));
        continue;
      }
      const all = prepareForDestinations(input.value, destinations, settings);
      if (!all.ok) {
        rejected += 1;
        writeJson(io.stderr, rejectionLine(input.line, all.eventId, all.errors));
        continue;
      }
      for (const { destination, result } of all.results) {
        if (result.ok === true) {
          prepared.push(result.prepared);
          if (result.prepared.warnings.length) writeJson(io.stderr, { line: input.line, eventId: all.eventId, ...(destinations.length > 1 ? { destination } : {}), warnings: result.prepared.warnings });
        } else if (result.ok === false) {
          rejected += 1;
          writeJson(io.stderr, { ...rejectionLine(input.line, all.eventId, result.errors), ...(destinations.length > 1 ? { destination } : {}) });
        }
      }
    }
    const byId = new Map(destinations.map((d) => [d.id, d]));
    for (const group of groupForRequests(prepared, (id) => byId.get(id)!.maxEventsPerRequest)) {
      io.stdout.write(`${byId.get(group.destination)!.body(group.batch, group.events)}\n`);
    }
    return rejected > 0 ? 1 : 0;
  });
