/**
 * `pixelpair payload`: envelopes → the request bodies that would be sent, exactly as they would
 * go on the wire, and the reasons for every rejected line. Needs no credentials.
 */
import type { PreparedEvent } from '../destinations/destination.js';
import { groupForRequests } from '../delivery/batch.js';
import { prepareForDestinations } from '../prepare.js';
import { defineCommand } from './command.js';
import { destinationEnv, DESTINATION_FLAG_SPECS } from './destination-help.js';
import { destinationsFrom, normalizeSettingsFrom } from './destinations.js';
import { readJsonLines, rejectionLine, writeJson } from './io.js';

export const payloadCommand = defineCommand({
  name: 'payload',
  summary: 'envelopes on stdin → the request bodies that would be sent (needs no credentials)',
  description: [
    'Prints each destination\'s request bodies exactly as they would go on the wire, one JSON object',
    'per line, without any token. A rejected line goes to stderr as { line, eventId, errors: [{ path,',
    'message }] } (with destination when only one destination refused it); the valid ones are still printed.',
  ],
  input: '< envelopes.jsonl',
  flags: DESTINATION_FLAG_SPECS,
  env: destinationEnv({ send: false }),
  exitCodes: [[0, 'every line valid'], [1, 'some lines rejected (see stderr)'], [2, 'usage or configuration error']],
  example: { args: '--pixel-id C4ABCDEF123 --default-country DE', input: 'envelopes.jsonl' },
  run: async (io, values) => {
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
  },
});
