/**
 * The read-and-repair commands. They open an existing store only (a typo in --store must not
 * create an empty store that looks healthy):
 * - `status [--destination D]`: counts by state and the oldest pending age, per destination too;
 * - `log --event-id ID`: every destination's copy of one action with every attempt, code and request id;
 * - `replay`: re-queue dead or past events still inside the accepted window, keeping their event ids.
 *   It needs a filter (--dead, --since, --until, --destination) or an explicit --all.
 */
import { DEFAULT_MAX_AGE_SECONDS } from '../envelope/normalized-event.js';
import { openStore } from '../outbox/open-store.js';
import type { EventHistory, QueueStatus } from '../outbox/store.js';
import { createHttpSender } from '../delivery/http.js';
import { defineCommand, type FlagTable } from './command.js';
import { destinationEnv, DESTINATION_FLAG_SPECS } from './destination-help.js';
import { destinationList, destinationsFrom } from './destinations.js';
import { UsageError, writeJson } from './io.js';
import { progressBar } from './progress.js';
import { STORE_ENV, STORE_FLAG_SPEC, bool, storeSpec, text, timeFlag, wholeNumber } from './store-flags.js';

const MISSING_STORE = 'usage error, or the store does not exist (it is never created by this command)';

const ageSeconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const queue = (q: QueueStatus) => ({ ...q.counts, oldestPendingAgeSeconds: ageSeconds(q.oldestPendingAgeMs) });

const STATUS_FLAGS = {
  ...STORE_FLAG_SPEC,
  ...DESTINATION_FLAG_SPECS,
  destination: { ...DESTINATION_FLAG_SPECS.destination, value: 'NAME', default: 'every destination', description: "only this destination's queue (google also asks Google about delivered requests)" },
  requests: { type: 'string', value: 'N', default: 20, max: 500, description: 'google: how many of the latest delivered requests to ask about' },
} satisfies FlagTable;

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'counts by state and the oldest pending age, overall and per destination',
  description: [
    'Prints one JSON object: the counts and oldestPendingAgeSeconds, overall and per destination. With',
    "--destination google it also asks Data Manager's requestStatus:retrieve about the latest delivered",
    'requests and shows the problems Google found later, by reason (this needs the Google credentials).',
  ],
  flags: STATUS_FLAGS,
  env: [STORE_ENV, ...destinationEnv({ send: true, only: 'google' })],
  exitCodes: [[0, 'the counts were printed'], [1, 'an unexpected error (the store or Google could not be read)'], [2, MISSING_STORE]],
  example: { args: '--store sqlite:./pixelpair.db' },
  run: async (io, values) => {
    const only = text(values, 'destination') ? destinationList(values, { multiple: false })[0] : undefined;
    // Google reports some problems only later, per request: asking needs its credentials.
    const later = only === 'google' ? destinationsFrom(values, io.env, { send: true, multiple: false })[0] : undefined;
    const requests = wholeNumber(values, STATUS_FLAGS, 'requests');
    const store = await openStore(storeSpec(text(values, 'store'), io.env), { mustExist: true });
    try {
      const status = await store.status(Date.now());
      if (only) {
        const mine = status.destinations[only];
        const report: Record<string, unknown> = { destination: only, ...queue(mine ?? { counts: { pending: 0, leased: 0, delivered: 0, dead: 0 }, oldestPendingAgeMs: null }) };
        if (later?.laterStatus) {
          const http = createHttpSender({ timeoutMs: 10_000 });
          try {
            const found = await later.laterStatus(await store.recentRequestIds(only, requests), http);
            const problems: Record<string, number> = {};
            for (const r of found) for (const e of r.errors) problems[e.reason] = (problems[e.reason] ?? 0) + e.records;
            report.laterStatus = { requests: found.length, problems, byRequest: found };
          } finally {
            await http.close();
          }
        }
        writeJson(io.stdout, report);
      } else {
        writeJson(io.stdout, { ...queue(status), destinations: Object.fromEntries(Object.entries(status.destinations).map(([d, q]) => [d, queue(q!)])) });
      }
      return 0;
    } finally {
      await store.close();
    }
  },
});

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function describe(h: EventHistory) {
  return {
    eventId: h.eventId, destination: h.destination, event: h.event, account: h.account, ...(h.batch ? { batch: h.batch } : {}),
    state: h.state, attempts: h.attempts, eventTime: h.eventTime,
    enqueuedAt: iso(h.enqueuedAt), deliveredAt: iso(h.deliveredAt), deadReason: h.deadReason, lastError: h.lastError,
    consent: h.log.consent, identifiers: h.log.identifiers, matchKeys: h.log.matchKeys,
    history: h.history.map((a) => ({ ...a, at: iso(a.at) })),
  };
}

export const logCommand = defineCommand({
  name: 'log',
  summary: 'every attempt of one event, per destination: time, decision, code, request_id',
  description: [
    "One JSON line per destination's copy: its state, attempts, consent, which match keys it carried",
    '(never their values) and the history of attempts with each answer\'s code and request id.',
  ],
  flags: { ...STORE_FLAG_SPEC, 'event-id': { type: 'string', value: 'ID', description: 'the event_id to look up (required)' } },
  env: [STORE_ENV],
  exitCodes: [[0, 'the event was found'], [1, 'no event with that event_id in this store'], [2, MISSING_STORE]],
  example: { args: '--store sqlite:./pixelpair.db --event-id ord_10492_complete_payment' },
  run: async (io, values) => {
    const eventId = text(values, 'event-id');
    if (!eventId) throw new UsageError('log: --event-id ID is required');
    const store = await openStore(storeSpec(text(values, 'store'), io.env), { mustExist: true });
    try {
      const found = await store.history(eventId);
      if (found.length === 0) {
        io.stderr.write('log: no event with that event_id in this store\n');
        return 1;
      }
      for (const h of found) writeJson(io.stdout, describe(h));
      return 0;
    } finally {
      await store.close();
    }
  },
});

const REPLAY_FLAGS = {
  ...STORE_FLAG_SPEC,
  dead: { type: 'boolean', description: 'only dead-lettered events (otherwise delivered and dead ones)' },
  since: { type: 'string', value: 'T', description: 'only events whose event_time is at or after T: Unix seconds or an ISO-8601 time' },
  until: { type: 'string', value: 'T', description: 'only events whose event_time is at or before T' },
  destination: { ...DESTINATION_FLAG_SPECS.destination, value: 'NAME', default: 'every destination', description: "only this destination's copies" },
  all: { type: 'boolean', description: 'no filter: every delivered and dead event (must be asked for)' },
  'dry-run': { type: 'boolean', description: 'count what would be re-queued and change nothing' },
  'max-age-days': { type: 'string', value: 'N', default: DEFAULT_MAX_AGE_SECONDS / 86_400, max: 28, description: 'leave events older than this alone (the platforms refuse them)' },
} satisfies FlagTable;

export const replayCommand = defineCommand({
  name: 'replay',
  summary: 're-queues dead or past events still inside the accepted window, same event_ids',
  description: [
    'Needs a filter (--dead, --since, --until, --destination) or --all. Each event keeps its event_id,',
    'so a platform that already has it deduplicates it. Prints { matched, requeued, tooOld, dryRun }',
    '(a dry run: requeued 0 and wouldRequeue); progress on stderr.',
  ],
  flags: REPLAY_FLAGS,
  env: [STORE_ENV],
  exitCodes: [[0, 'done (or counted, with --dry-run)'], [1, 'an unexpected error'], [2, `${MISSING_STORE}; or no filter and no --all`]],
  example: { args: '--store sqlite:./pixelpair.db --dead --since 2026-11-25T00:00:00Z --dry-run' },
  run: async (io, values) => {
    const since = timeFlag('since', text(values, 'since'));
    const until = timeFlag('until', text(values, 'until'));
    const destination = text(values, 'destination') ? destinationList(values, { multiple: false })[0] : undefined;
    if (since !== undefined && until !== undefined && since > until) throw new UsageError('replay: --since is after --until');
    const filtered = bool(values, 'dead') || since !== undefined || until !== undefined || destination !== undefined;
    // Re-sending every delivered event is rarely what anyone means: it must be asked for.
    if (!filtered && !bool(values, 'all')) throw new UsageError('replay: give a filter (--dead, --since, --until, --destination) or --all to re-queue every delivered and dead event');
    const maxAge = text(values, 'max-age-days') === undefined ? DEFAULT_MAX_AGE_SECONDS : wholeNumber(values, REPLAY_FLAGS, 'max-age-days') * 86_400;
    const dryRun = bool(values, 'dry-run');
    const now = Date.now();
    const store = await openStore(storeSpec(text(values, 'store'), io.env), { mustExist: true });
    const bar = progressBar(io.stderr, dryRun ? 'replay (dry run)' : 'replay');
    try {
      const result = await store.replay({
        dead: bool(values, 'dead'),
        ...(destination ? { destination } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
        minEventTime: Math.floor(now / 1000) - maxAge,
        dryRun,
        now,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.done();
      // A dry run re-queues nothing: it says what it would have.
      writeJson(io.stdout, dryRun ? { matched: result.matched, requeued: 0, wouldRequeue: result.requeued, tooOld: result.tooOld, dryRun } : { ...result, dryRun });
      return 0;
    } finally {
      await store.close();
    }
  },
});
