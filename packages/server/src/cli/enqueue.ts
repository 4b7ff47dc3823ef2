/**
 * `pixelpair enqueue`: envelopes as JSON Lines on stdin into the outbox, one row per
 * destination, read and stored in pages so a large file never sits in memory. Needs no
 * token: the worker does.
 */
import { openStore } from '../outbox/open-store.js';
import { createOutbox } from '../outbox/outbox.js';
import { defineCommand } from './command.js';
import { destinationEnv, DESTINATION_FLAG_SPECS } from './destination-help.js';
import { destinationsFrom, normalizeSettingsFrom } from './destinations.js';
import { readJsonLines, writeJson } from './io.js';
import { STORE_ENV, STORE_FLAG_SPEC, storeSpec, text } from './store-flags.js';

const PAGE = 500;

export const enqueueCommand = defineCommand({
  name: 'enqueue',
  summary: 'envelopes on stdin → the outbox, one row per destination, for a worker to deliver',
  description: [
    'Stores every valid line once per destination (an event_id already queued counts as a duplicate)',
    'and prints { enqueued, duplicates, rejected } (and skipped, with several destinations). Rejected',
    'lines go to stderr as { line, eventId, errors }. Creates the store when it does not exist yet.',
  ],
  input: '< envelopes.jsonl',
  flags: { ...STORE_FLAG_SPEC, ...DESTINATION_FLAG_SPECS },
  env: [STORE_ENV, ...destinationEnv({ send: false })],
  exitCodes: [[0, 'every line enqueued (or already queued)'], [1, 'some lines rejected (see stderr)'], [2, 'usage or configuration error: nothing was read']],
  example: { args: '--store sqlite:./pixelpair.db --pixel-id C4ABCDEF123', input: 'envelopes.jsonl' },
  run: async (io, values) => {
    // Every setting is checked before the store is opened or a line is read.
    const destinations = destinationsFrom(values, io.env, { send: false, multiple: true });
    const settings = normalizeSettingsFrom(values);
    const store = await openStore(storeSpec(text(values, 'store'), io.env));
    const outbox = createOutbox({ store, destinations, ...settings });
    const totals = { enqueued: 0, duplicates: 0, rejected: 0, ...(destinations.length > 1 ? { skipped: 0 } : {}) };
    let page: { line: number; envelope: unknown }[] = [];

    const flush = async () => {
      const result = await outbox.trackMany(page.map((p) => p.envelope));
      totals.enqueued += result.enqueued;
      totals.duplicates += result.duplicates;
      totals.rejected += result.rejected;
      if ('skipped' in totals) totals.skipped! += result.skipped;
      result.results.forEach((r, i) => {
        const line = page[i]!.line;
        if (!r.ok) writeJson(io.stderr, { line, eventId: r.eventId ?? null, errors: r.errors });
        else for (const d of r.destinations) if (d.status === 'rejected') writeJson(io.stderr, { line, eventId: r.eventId, destination: d.destination, errors: d.errors });
      });
      page = [];
    };

    try {
      for await (const { line, value, parseError } of readJsonLines(io.stdin)) {
        if (parseError) {
          totals.rejected += 1;
          writeJson(io.stderr, { line, eventId: null, errors: [{ path: '', message: parseError }] });
          continue;
        }
        page.push({ line, envelope: value });
        if (page.length >= PAGE) await flush();
      }
      if (page.length > 0) await flush();
    } finally {
      await store.close();
    }
    writeJson(io.stdout, totals);
    return totals.rejected > 0 ? 1 : 0;
  },
});
