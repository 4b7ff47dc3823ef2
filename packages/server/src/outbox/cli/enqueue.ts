/**
 * `pixelpair enqueue --store S [--pixel-id ID] [--default-country CC] [--test-event-code CODE]`:
 * envelopes as JSON Lines on stdin into the outbox, read and stored in pages so a large file
 * never sits in memory. Rejected lines go to stderr as `{ line, eventId, errors }`.
 */
import type { PrepareConfig } from '../../prepare.js';
import { openStore } from '../open-store.js';
import { createOutbox } from '../outbox.js';
import { readJsonLines, type CliIo } from '../../cli/io.js';
import { UsageError, bool, parseFlags, text, storeSpec, writeJson } from './args.js';

const PAGE = 500;

export async function enqueueCommand(io: CliIo): Promise<number> {
  const flags = parseFlags('enqueue', io.argv, {
    'pixel-id': { type: 'string' },
    'default-country': { type: 'string' },
    'test-event-code': { type: 'string' },
  });
  const pixelId = text(flags, 'pixel-id') ?? io.env.TIKTOK_PIXEL_ID;
  if (!pixelId) throw new UsageError('enqueue: the pixel id is missing (--pixel-id or TIKTOK_PIXEL_ID)');
  const config: PrepareConfig = { pixelId };
  if (text(flags, 'default-country')) config.defaultCountry = text(flags, 'default-country');
  if (text(flags, 'test-event-code')) config.testEventCode = text(flags, 'test-event-code');

  const store = await openStore(storeSpec(text(flags, 'store'), io.env));
  const outbox = createOutbox({ store, config });
  const totals = { enqueued: 0, duplicates: 0, rejected: 0 };
  let page: { line: number; envelope: unknown }[] = [];

  const flush = async () => {
    const result = await outbox.trackMany(page.map((p) => p.envelope));
    totals.enqueued += result.enqueued;
    totals.duplicates += result.duplicates;
    totals.rejected += result.rejected;
    result.results.forEach((r, i) => {
      if (!r.ok) writeJson(io.stderr, { line: page[i]!.line, eventId: r.eventId ?? null, errors: r.errors });
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
}
