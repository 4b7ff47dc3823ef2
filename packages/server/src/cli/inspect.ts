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
import { DESTINATION_FLAGS, destinationList, destinationsFrom } from './destinations.js';
import { flags, guarded, UsageError, writeJson, type CliCommand } from './io.js';
import { progressBar } from './progress.js';
import { STORE_FLAG, bool, positiveInt, storeSpec, text, timeFlag } from './store-flags.js';

export const STATUS_USAGE = 'usage: pixelpair status --store sqlite:./pixelpair.db [--destination tiktok|meta|google [--requests N]]';
export const LOG_USAGE = 'usage: pixelpair log --store sqlite:./pixelpair.db --event-id ID';
export const REPLAY_USAGE = 'usage: pixelpair replay --store sqlite:./pixelpair.db (--dead | --since T | --until T | --destination D | --all) [--dry-run] [--max-age-days N]';

const ageSeconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const queue = (q: QueueStatus) => ({ ...q.counts, oldestPendingAgeSeconds: ageSeconds(q.oldestPendingAgeMs) });

export const statusCommand: CliCommand = (io) =>
  guarded(io, STATUS_USAGE, async () => {
    const values = flags(io.argv, { ...STORE_FLAG, ...DESTINATION_FLAGS, requests: { type: 'string' } });
    const only = text(values, 'destination') ? destinationList(values, { multiple: false })[0] : undefined;
    // Google reports some problems only later, per request: asking needs its credentials.
    const later = only === 'google' ? destinationsFrom(values, io.env, { send: true, multiple: false })[0] : undefined;
    const requests = positiveInt('requests', text(values, 'requests'), 20, 500);
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

export const logCommand: CliCommand = (io) =>
  guarded(io, LOG_USAGE, async () => {
    const values = flags(io.argv, { ...STORE_FLAG, 'event-id': { type: 'string' } });
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
  });

export const replayCommand: CliCommand = (io) =>
  guarded(io, REPLAY_USAGE, async () => {
    const values = flags(io.argv, {
      ...STORE_FLAG, destination: { type: 'string' }, dead: { type: 'boolean' }, all: { type: 'boolean' },
      since: { type: 'string' }, until: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'max-age-days': { type: 'string' },
    });
    const since = timeFlag('since', text(values, 'since'));
    const until = timeFlag('until', text(values, 'until'));
    const destination = text(values, 'destination') ? destinationList(values, { multiple: false })[0] : undefined;
    if (since !== undefined && until !== undefined && since > until) throw new UsageError('replay: --since is after --until');
    const filtered = bool(values, 'dead') || since !== undefined || until !== undefined || destination !== undefined;
    // Re-sending every delivered event is rarely what anyone means: it must be asked for.
    if (!filtered && !bool(values, 'all')) throw new UsageError('replay: give a filter (--dead, --since, --until, --destination) or --all to re-queue every delivered and dead event');
    const maxAge = text(values, 'max-age-days') === undefined ? DEFAULT_MAX_AGE_SECONDS : positiveInt('max-age-days', text(values, 'max-age-days'), 7, 28) * 86400;
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
  });
