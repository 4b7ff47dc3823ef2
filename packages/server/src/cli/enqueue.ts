/**
 * `pixelpair enqueue --store S [--destination tiktok,meta,google] [--pixel-id ID] [--default-country CC]
 * [--test-event-code CODE]`: envelopes as JSON Lines on stdin into the outbox, one row per
 * destination, read and stored in pages so a large file never sits in memory. Rejected lines
 * go to stderr as `{ line, eventId, errors }`. Needs no token: the worker does.
 */
import { openStore } from '../outbox/open-store.js';
import { createOutbox } from '../outbox/outbox.js';
import { DESTINATION_FLAGS, destinationsFrom, normalizeSettingsFrom } from './destinations.js';
import { flags, guarded, readJsonLines, writeJson, type CliCommand } from './io.js';
import { STORE_FLAG, storeSpec, text } from './store-flags.js';

const PAGE = 500;
export const ENQUEUE_USAGE = 'usage: pixelpair enqueue --store sqlite:./pixelpair.db [--destination tiktok,meta,google] [--pixel-id ID] [--default-country CC] [--test-event-code CODE] < envelopes.jsonl';

export const enqueueCommand: CliCommand = (io) =>
  guarded(io, ENQUEUE_USAGE, async () => {
    const values = flags(io.argv, { ...DESTINATION_FLAGS, ...STORE_FLAG });
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
  });
