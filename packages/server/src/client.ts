/**
 * The in-process client: prepare for every configured destination → batch → the retry loop
 * over the shared send-and-split step (sending starts while the rest is still prepared) → one delivery-log record per event and destination →
 * a SendReport. A delivery failure is a value in the report, never an exception; only
 * misconfiguration throws (a ConfigError, without the token), and only at construction.
 * For delivery that survives restarts, use the outbox (`@pixelpair/server/outbox`).
 */
import type { DestinationId } from '@pixelpair/core';
import { ConfigError } from './config/config-error.js';
import type { AnyDestination, MatchKeys, PreparedEvent } from './destinations/destination.js';
import { tiktokDestination, type TikTokSettings } from './destinations/tiktok/tiktok.js';
import { aggregateMatchKeys, DESTINATION_MATCH_WEIGHTS, type MatchSummary } from './diagnostics/match-keys.js';
import { requestBatcher } from './delivery/batch.js';
import { deliveryQueue, type ChunkResult, type RetrySettings } from './delivery/deliver.js';
import { sendersPerDestination, type HttpSender } from './delivery/http.js';
import { jsonLogger, logsAt, type Logger } from './delivery/logger.js';
import { needsAlert } from './delivery/outcome.js';
import { deliveryRecord, rejectionRecord, statusOf, type EventStatus } from './delivery/record.js';
import type { NormalizeSettings } from './envelope/normalized-event.js';
import { prepareForDestinations, type PrepareAllResult } from './prepare.js';
import type { Issue } from './types.js';

export interface ClientConfig extends NormalizeSettings, RetrySettings {
  /** Where copies go: `tiktokDestination({…})`, `metaDestination({…})`, `googleDestination({…})`. */
  destinations: readonly AnyDestination[];
  /** Whole-attempt timeout per request. Default 10 s. */
  timeoutMs?: number;
  /** Keep-alive connections per platform. Default 4. */
  connections?: number;
  /** Bring your own HTTP sender (tests, proxies); the client then does not close it. */
  http?: HttpSender;
  /** pino-compatible. Default: JSON lines on stderr, warnings and errors only. */
  logger?: Logger;
}

export interface EventOutcome {
  /** Position in the envelopes given to send(). */
  index: number;
  destination: DestinationId;
  eventId?: string;
  event?: string;
  status: EventStatus;
  errors?: Issue[];
  warnings?: Issue[];
  code?: number;
  reason?: string;
  requestId?: string;
  /** A human must look: a token or permission problem, or a payload the platform refused. */
  alert?: true;
  attempts: number;
}

export interface DestinationSummary {
  delivered: number;
  rejected: number;
  skipped: number;
  dropped: number;
  stopped: number;
  matchKeys: MatchSummary;
}

export interface SendReport {
  delivered: number;
  rejected: number;
  /** Not for a destination (e.g. no Google conversion action for the event). */
  skipped: number;
  dropped: number;
  /** Not sent (or refused) because of a token or permission error, or because send() was aborted: fix and resend. */
  stopped: number;
  retries: number;
  requests: number;
  /** One per envelope and destination, in input order. */
  events: EventOutcome[];
  /** Match keys of the first destination's copies (each destination's are in `byDestination`). */
  matchKeys: MatchSummary;
  byDestination: Partial<Record<DestinationId, DestinationSummary>>;
  durationMs: number;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Called after each request's final outcome with the number of copies settled so far. */
  onProgress?: (settled: number, total: number) => void;
}

export interface PixelpairClient {
  prepare(envelope: unknown): PrepareAllResult;
  send(envelopes: Iterable<unknown>, options?: SendOptions): Promise<SendReport>;
  close(): Promise<void>;
}

function destinationMap(destinations: readonly AnyDestination[]): Map<DestinationId, AnyDestination> {
  if (!Array.isArray(destinations) || destinations.length === 0) throw new ConfigError('destinations', 'no destination configured (pass destinations: [tiktokDestination({…}), …])');
  const map = new Map<DestinationId, AnyDestination>();
  for (const d of destinations) {
    if (map.has(d.id)) throw new ConfigError('destinations', `the ${d.id} destination is configured twice`);
    if (!d.canSend) throw new ConfigError('destinations', `the ${d.id} destination has no credentials to send with (its access token is missing)`);
    map.set(d.id, d);
  }
  return map;
}

/** Envelopes prepared between two turns of the event loop (~10–40 ms of work at 25–100k/s). */
const SLICE = 500;
/** An unfilled request waits for at most this many full requests' worth of other events (see requestBatcher). */
const HOLD_REQUESTS = 10;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createClient(config: ClientConfig): PixelpairClient {
  const destinations = destinationMap(config?.destinations);
  const maxEventsOf = (id: DestinationId) => destinations.get(id)?.maxEventsPerRequest ?? 1000;
  const list = [...destinations.values()];
  // Each destination gets its own connections unless the caller brings one sender for all.
  const own = sendersPerDestination({ timeoutMs: config.timeoutMs, connections: config.connections });
  const http = config.http ?? ((id: DestinationId) => own.for(id));
  const logger = config.logger ?? jsonLogger();

  async function send(envelopes: Iterable<unknown>, options: SendOptions = {}): Promise<SendReport> {
    const started = Date.now();
    const outcomes: EventOutcome[] = [];
    // Only what the report needs is kept of a prepared event once its request settles: its
    // match keys and its outcome. The events themselves (wire copy, JSON) are then let go.
    let preparedCount = 0;
    const matchKeysOf = new Map<DestinationId, MatchKeys[]>(list.map((d) => [d.id, []]));
    const indexOf = new Map<PreparedEvent, number>();
    let settled = 0;
    // The total is known once the last envelope is prepared: until then progress waits, so
    // onProgress sees what it always saw (settled so far, of every prepared copy).
    let preparing = true;
    const progressWaiting: number[] = [];
    // Log and record each request's events as soon as they settle, not after the whole send.
    const logDelivered = logsAt(logger, 'info');
    const settle = (r: ChunkResult) => {
      const status = statusOf(r.outcome, r.halted);
      const o = r.outcome;
      const alert = needsAlert(o);
      for (const e of r.events) {
        // A delivered event's record is built only for a logger that keeps info lines.
        if (status === 'delivered') {
          if (logDelivered) logger.info(deliveryRecord(e, status, o, r.attempts, { exhausted: r.exhausted }), `${e.destination} event delivered`);
        } else if (status === 'stopped') {
          logger.error(deliveryRecord(e, status, o, r.attempts, { exhausted: r.exhausted }), r.halted && o.kind !== 'stop' ? `${e.destination} event not sent: send() was aborted` : `${e.destination} sending stopped: check the access token and permissions`);
        } else {
          logger.error(deliveryRecord(e, status, o, r.attempts, { exhausted: r.exhausted }), r.exhausted ? `${e.destination} event not delivered: retries exhausted` : `${e.destination} event dropped`);
        }
        const index = indexOf.get(e) ?? -1;
        indexOf.delete(e);
        outcomes.push({
          index,
          destination: e.destination,
          eventId: e.eventId,
          event: e.event,
          status,
          ...(e.warnings.length ? { warnings: e.warnings } : {}),
          ...(o.code !== undefined ? { code: o.code } : {}),
          ...(o.kind === 'delivered' ? {} : { reason: o.reason }),
          ...(o.requestId ? { requestId: o.requestId } : {}),
          ...(alert ? { alert: true as const } : {}),
          attempts: r.attempts,
        });
      }
      settled += r.events.length;
      if (preparing) progressWaiting.push(settled);
      else options.onProgress?.(settled, preparedCount);
    };
    const queue = deliveryQueue({
      destinations,
      http,
      maxAttempts: config.maxAttempts,
      backoff: config.backoff,
      maxRetryAfterMs: config.maxRetryAfterMs,
      concurrency: config.concurrency,
      sleep: config.sleep,
      signal: options.signal,
      onResult: settle,
    }, { keepResults: false });
    const batcher = requestBatcher<PreparedEvent>(maxEventsOf, (id) => HOLD_REQUESTS * maxEventsOf(id));
    // Prepare and send overlap: a request goes as soon as it is full, and every SLICE
    // envelopes the loop yields so requests go out and their answers are taken in.
    let index = 0;
    try {
      for (const envelope of envelopes) {
        const all = prepareForDestinations(envelope, list, config);
        if (!all.ok) {
          for (const d of list) {
            outcomes.push({ index, destination: d.id, ...(all.eventId ? { eventId: all.eventId } : {}), status: 'rejected', errors: all.errors, attempts: 0 });
            logger.warn(rejectionRecord(index, d.id, all.eventId, all.errors), `${d.id} event rejected before sending`);
          }
        } else {
          for (const { destination, result } of all.results) {
            if (result.ok === true) {
              preparedCount += 1;
              matchKeysOf.get(destination)?.push(result.prepared.log.matchKeys);
              indexOf.set(result.prepared, index);
              const full = batcher.add(result.prepared);
              if (full) queue.add(full);
            } else if (result.ok === false) {
              outcomes.push({ index, destination, eventId: all.eventId, status: 'rejected', errors: result.errors, attempts: 0 });
              logger.warn(rejectionRecord(index, destination, all.eventId, result.errors), `${destination} event rejected before sending`);
            } else {
              outcomes.push({ index, destination, eventId: all.eventId, status: 'skipped', reason: result.reason, attempts: 0 });
            }
          }
        }
        index += 1;
        if (index % SLICE === 0) {
          for (const group of batcher.due()) queue.add(group);
          await yieldToEventLoop();
          if (queue.failed) break; // end() below throws what failed, as before
        }
      }
    } catch (error) {
      // The envelopes' iterator threw: what is already in flight settles (and is logged) first.
      await queue.end().catch(() => {});
      throw error;
    }
    for (const group of batcher.rest()) queue.add(group);
    preparing = false;
    for (const done of progressWaiting) options.onProgress?.(done, preparedCount);
    const delivery = await queue.end();
    // Input order, then the configured destination order; counted in one pass.
    const rank = new Map(list.map((d, i) => [d.id, i]));
    outcomes.sort((a, b) => a.index - b.index || rank.get(a.destination)! - rank.get(b.destination)!);
    const tally = () => ({ delivered: 0, rejected: 0, skipped: 0, dropped: 0, stopped: 0 });
    const total = tally();
    const per = new Map(list.map((d) => [d.id, tally()]));
    for (const o of outcomes) {
      total[o.status]++;
      per.get(o.destination)![o.status]++;
    }
    const count = (s: EventStatus) => total[s];
    const byDestination: SendReport['byDestination'] = {};
    for (const d of list) {
      byDestination[d.id] = {
        ...per.get(d.id)!,
        matchKeys: aggregateMatchKeys(matchKeysOf.get(d.id)!, DESTINATION_MATCH_WEIGHTS[d.id]),
      };
    }
    return {
      delivered: count('delivered'),
      rejected: count('rejected'),
      skipped: count('skipped'),
      dropped: count('dropped'),
      stopped: count('stopped'),
      retries: delivery.retries,
      requests: delivery.requests,
      events: outcomes,
      matchKeys: byDestination[list[0]!.id]!.matchKeys,
      byDestination,
      durationMs: Date.now() - started,
    };
  }

  return {
    prepare: (envelope) => prepareForDestinations(envelope, list, config),
    send,
    async close() {
      await own.close();
      for (const d of list) await d.close?.();
    },
  };
}

/** The TikTok-only client with flat settings: `createTikTok({ pixelId, accessToken, … })`. */
export interface TikTokConfig extends NormalizeSettings, RetrySettings, TikTokSettings, Pick<ClientConfig, 'timeoutMs' | 'connections' | 'http' | 'logger'> {}

export function createTikTok(config: TikTokConfig): PixelpairClient {
  if (!config?.accessToken) throw new ConfigError('accessToken', 'the TikTok access token is missing (accessToken)');
  return createClient({ ...config, destinations: [tiktokDestination(config)] });
}
