/**
 * createTikTok: the convenient in-process client. prepare → batch → send with the retry
 * loop → one delivery-log record per event → a SendReport. A delivery failure is a value in
 * the report, never an exception; only misconfiguration throws (without the token).
 * For delivery that survives restarts, use the outbox (`@pixelpair/server/outbox`).
 */
import { aggregateMatchKeys, type MatchSummary } from './diagnostics/match-keys.js';
import { deliverPrepared, type ChunkResult, type DeliverOptions } from './delivery/deliver.js';
import { jsonLogger, type Logger } from './delivery/logger.js';
import { deliveryRecord, rejectionRecord, type EventStatus } from './delivery/record.js';
import { assertAccessToken, createTransport } from './delivery/transport.js';
import { prepareEvent, type PrepareConfig } from './prepare.js';
import type { Issue, PreparedEvent, PrepareResult, Transport } from './types.js';

/** The retry loop's own settings (attempts, backoff, Retry-After cap, batch size, concurrency). */
type RetrySettings = Pick<DeliverOptions, 'maxAttempts' | 'backoff' | 'maxRetryAfterMs' | 'maxEventsPerRequest' | 'concurrency' | 'sleep'>;

export interface TikTokConfig extends Omit<PrepareConfig, 'pixelId'>, RetrySettings {
  /** Default `process.env.TIKTOK_PIXEL_ID`. */
  pixelId?: string;
  /** Default `process.env.TIKTOK_ACCESS_TOKEN`. Not needed when a transport is given. */
  accessToken?: string;
  /** Default `process.env.TIKTOK_API_URL`, then TikTok's v1.3 event/track URL. */
  apiUrl?: string;
  timeoutMs?: number;
  connections?: number;
  /** Bring your own transport (tests, proxies); createTikTok then does not close it. */
  transport?: Transport;
  /** pino-compatible. Default: JSON lines on stderr, warnings and errors only. */
  logger?: Logger;
}

export interface EventOutcome {
  /** Position in the envelopes given to send(). */
  index: number;
  eventId?: string;
  event?: string;
  status: EventStatus;
  errors?: Issue[];
  warnings?: Issue[];
  code?: number;
  reason?: string;
  requestId?: string;
  attempts: number;
}

export interface SendReport {
  delivered: number;
  rejected: number;
  dropped: number;
  /** Not sent (or refused) because of a token or permission error, or because send() was aborted: fix and resend. */
  stopped: number;
  retries: number;
  requests: number;
  events: EventOutcome[];
  matchKeys: MatchSummary;
  durationMs: number;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Called after each request's final outcome with the number of events settled so far. */
  onProgress?: (settled: number, total: number) => void;
}

export interface TikTokClient {
  prepare(envelope: unknown): PrepareResult;
  send(envelopes: Iterable<unknown>, options?: SendOptions): Promise<SendReport>;
  close(): Promise<void>;
}

function statusOf(r: ChunkResult): EventStatus {
  if (r.outcome.ok) return 'delivered';
  return r.outcome.stop || r.halted ? 'stopped' : 'dropped';
}

export function createTikTok(config: TikTokConfig = {}): TikTokClient {
  const pixelId = config.pixelId ?? process.env.TIKTOK_PIXEL_ID;
  if (!pixelId || !pixelId.trim()) throw new Error('pixelpair: the TikTok pixel id is missing (set TIKTOK_PIXEL_ID, or pass pixelId)');
  let transport = config.transport;
  const ownsTransport = !transport;
  if (!transport) {
    const accessToken = config.accessToken ?? process.env.TIKTOK_ACCESS_TOKEN;
    assertAccessToken(accessToken);
    transport = createTransport({ accessToken, apiUrl: config.apiUrl, timeoutMs: config.timeoutMs, connections: config.connections });
  }
  const logger = config.logger ?? jsonLogger();
  const prepareConfig: PrepareConfig = { ...config, pixelId: pixelId.trim() };
  const sender: Transport = transport;

  async function send(envelopes: Iterable<unknown>, options: SendOptions = {}): Promise<SendReport> {
    const started = Date.now();
    const outcomes: EventOutcome[] = [];
    const prepared: PreparedEvent[] = [];
    const indexOf = new Map<PreparedEvent, number>();
    let index = 0;
    for (const envelope of envelopes) {
      const result = prepareEvent(envelope, prepareConfig);
      if (result.ok) {
        prepared.push(result.prepared);
        indexOf.set(result.prepared, index);
      } else {
        outcomes.push({ index, ...(result.eventId ? { eventId: result.eventId } : {}), status: 'rejected', errors: result.errors, attempts: 0 });
        logger.warn(rejectionRecord(index, result.eventId, result.errors), 'tiktok event rejected before sending');
      }
      index += 1;
    }
    let settled = 0;
    // Log and record each request's events as soon as they settle, not after the whole send.
    const settle = (r: ChunkResult) => {
      const status = statusOf(r);
      for (const e of r.events) {
        const record = deliveryRecord(e, status, r.outcome, r.attempts, { exhausted: r.exhausted });
        if (status === 'delivered') logger.info(record, 'tiktok event delivered');
        else if (status === 'stopped') logger.error(record, r.outcome.ok || r.outcome.reason === 'aborted' ? 'tiktok event not sent: send() was aborted' : 'tiktok sending stopped: check the access token and pixel permissions');
        else logger.error(record, r.exhausted ? 'tiktok event not delivered: retries exhausted' : 'tiktok event dropped');
        outcomes.push({
          index: indexOf.get(e) ?? -1,
          eventId: e.event.event_id,
          event: e.event.event,
          status,
          ...(e.warnings.length ? { warnings: e.warnings } : {}),
          ...(r.outcome.code !== undefined ? { code: r.outcome.code } : {}),
          ...(r.outcome.ok ? {} : { reason: r.outcome.reason }),
          ...(r.outcome.requestId ? { requestId: r.outcome.requestId } : {}),
          attempts: r.attempts,
        });
      }
      settled += r.events.length;
      options.onProgress?.(settled, prepared.length);
    };
    const delivery = await deliverPrepared(prepared, {
      transport: sender,
      maxAttempts: config.maxAttempts,
      backoff: config.backoff,
      maxRetryAfterMs: config.maxRetryAfterMs,
      maxEventsPerRequest: config.maxEventsPerRequest,
      concurrency: config.concurrency,
      sleep: config.sleep,
      signal: options.signal,
      onResult: settle,
    });
    outcomes.sort((a, b) => a.index - b.index);
    const count = (s: EventStatus) => outcomes.filter((o) => o.status === s).length;
    return {
      delivered: count('delivered'),
      rejected: count('rejected'),
      dropped: count('dropped'),
      stopped: count('stopped'),
      retries: delivery.retries,
      requests: delivery.requests,
      events: outcomes,
      matchKeys: aggregateMatchKeys(prepared.map((p) => p.log.matchKeys)),
      durationMs: Date.now() - started,
    };
  }

  return {
    prepare: (envelope) => prepareEvent(envelope, prepareConfig),
    send,
    async close() {
      if (ownsTransport) await sender.close();
    },
  };
}
