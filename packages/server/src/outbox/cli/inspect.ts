/**
 * The read-and-repair commands: `status` (counts by state, oldest pending age), `log
 * --event-id ID` (every attempt, code and request_id), and `replay` (re-queue dead or past
 * events still inside the accepted window, keeping their event_ids).
 */
import { DEFAULT_MAX_AGE_SECONDS } from '../../prepare.js';
import { openStore } from '../open-store.js';
import type { EventHistory } from '../store.js';
import type { CliIo } from '../../cli/io.js';
import { UsageError, bool, parseFlags, text, positiveInt, storeSpec, timeFlag, writeJson } from './args.js';
import { progressBar } from './progress.js';

export async function statusCommand(io: CliIo): Promise<number> {
  const flags = parseFlags('status', io.argv, {});
  const store = await openStore(storeSpec(text(flags, 'store'), io.env));
  try {
    const status = await store.status(Date.now());
    const age = status.oldestPendingAgeMs;
    writeJson(io.stdout, { ...status.counts, oldestPendingAgeSeconds: age === null ? null : Math.round(age / 100) / 10 });
    return 0;
  } finally {
    await store.close();
  }
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function describe(h: EventHistory) {
  return {
    eventId: h.eventId, event: h.event, pixelId: h.pixelId, ...(h.testEventCode ? { testEventCode: h.testEventCode } : {}),
    state: h.state, attempts: h.attempts, eventTime: h.eventTime,
    enqueuedAt: iso(h.enqueuedAt), deliveredAt: iso(h.deliveredAt), deadReason: h.deadReason, lastError: h.lastError,
    consent: h.log.consent, matchKeys: h.log.matchKeys,
    history: h.history.map((a) => ({ ...a, at: iso(a.at) })),
  };
}

export async function logCommand(io: CliIo): Promise<number> {
  const flags = parseFlags('log', io.argv, { 'event-id': { type: 'string' } });
  const eventId = text(flags, 'event-id');
  if (!eventId) throw new UsageError('log: --event-id ID is required');
  const store = await openStore(storeSpec(text(flags, 'store'), io.env));
  try {
    const found = await store.history(eventId);
    if (found.length === 0) {
      io.stderr.write(`log: no event with event_id ${JSON.stringify(eventId)} in this store\n`);
      return 1;
    }
    for (const h of found) writeJson(io.stdout, describe(h));
    return 0;
  } finally {
    await store.close();
  }
}

export async function replayCommand(io: CliIo): Promise<number> {
  const flags = parseFlags('replay', io.argv, {
    dead: { type: 'boolean' },
    since: { type: 'string' },
    until: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'max-age-days': { type: 'string' },
  });
  const since = timeFlag('since', text(flags, 'since'));
  const until = timeFlag('until', text(flags, 'until'));
  if (since !== undefined && until !== undefined && since > until) throw new UsageError('replay: --since is after --until');
  const maxAge = text(flags, 'max-age-days') === undefined ? DEFAULT_MAX_AGE_SECONDS : positiveInt('max-age-days', text(flags, 'max-age-days'), 7, 28) * 86400;
  const now = Date.now();
  const store = await openStore(storeSpec(text(flags, 'store'), io.env));
  const bar = progressBar(io.stderr, bool(flags, 'dry-run') ? 'replay (dry run)' : 'replay');
  try {
    const result = await store.replay({
      dead: bool(flags, 'dead'),
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
      minEventTime: Math.floor(now / 1000) - maxAge,
      dryRun: bool(flags, 'dry-run'),
      now,
      onProgress: (done, total) => bar.update(done, total),
    });
    bar.done();
    writeJson(io.stdout, { ...result, dryRun: bool(flags, 'dry-run') });
    return 0;
  } finally {
    await store.close();
  }
}
