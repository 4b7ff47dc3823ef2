/**
 * The two ways the shop hands server copies to pixelpair, for every platform it runs
 * (TikTok always; Meta and Google when configured).
 * - `outboxBackend` (the default): one copy per platform is durably enqueued in a SQLite
 *   outbox and an in-process worker delivers them. The outbox's unique key (the platform's
 *   dedup key) makes a second enqueue of the same purchase a reported no-op.
 * - `directBackend`: createClient sends at once (with its retries); the shop sees the outcome.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createClient, googleDestination, metaDestination, tiktokDestination } from '@pixelpair/server';
import type { AnyDestination, Logger } from '@pixelpair/server';
import { createOutbox, createSqliteStore, startWorker } from '@pixelpair/server/outbox';
import type { DeliveryBackend } from './delivery.js';

/** Meta: the pixel (dataset) id, the Conversions API token and endpoint, and the fbq script the pages load. */
export interface MetaTarget {
  pixelId: string;
  accessToken: string;
  /** The full endpoint; default Meta's at the pinned version. */
  apiUrl?: string;
  testEventCode?: string;
  /** The pages' fbevents.js; default Meta's. */
  pixelScriptUrl?: string;
}

/** Google Ads: the account, a conversion action (server) and a conversion label (tag) per event name, the credentials. */
export interface GoogleTarget {
  customerId: string;
  conversionActions: Readonly<Record<string, string>>;
  /** A service-account key; default application default credentials. */
  credentials?: unknown;
  tokenUrl?: string;
  apiUrl?: string;
  validateOnly?: boolean;
  /** The Google tag (`AW-…`) and its conversion labels, for the pages. */
  tagId: string;
  conversionLabels: Readonly<Record<string, string>>;
  tagScriptUrl?: string;
}

export interface TikTokTarget {
  apiUrl: string;
  accessToken: string;
  pixelId: string;
  testEventCode?: string;
  /** Meta beside TikTok, when the shop runs it. */
  meta?: MetaTarget;
  /** Google Ads beside TikTok, when the shop runs it. */
  google?: GoogleTarget;
  /** pino-compatible; default: the server package's warnings-and-errors JSON logger. */
  logger?: Logger;
}

/** Every platform the target names, as the server package's destinations. */
export function destinationsOf(target: TikTokTarget): AnyDestination[] {
  const list: AnyDestination[] = [tiktokDestination({ pixelId: target.pixelId, apiUrl: target.apiUrl, accessToken: target.accessToken, ...(target.testEventCode ? { testEventCode: target.testEventCode } : {}) })];
  const m = target.meta;
  if (m) list.push(metaDestination({ pixelId: m.pixelId, accessToken: m.accessToken, ...(m.apiUrl ? { apiUrl: m.apiUrl } : {}), ...(m.testEventCode ? { testEventCode: m.testEventCode } : {}) }));
  const g = target.google;
  if (g) {
    list.push(googleDestination({
      customerId: g.customerId, conversionActions: g.conversionActions,
      ...(g.credentials !== undefined ? { credentials: g.credentials } : {}), ...(g.tokenUrl ? { tokenUrl: g.tokenUrl } : {}),
      ...(g.apiUrl ? { apiUrl: g.apiUrl } : {}), ...(g.validateOnly ? { validateOnly: true } : {}),
    }));
  }
  return list;
}

export function directBackend(target: TikTokTarget): DeliveryBackend {
  const client = createClient({ destinations: destinationsOf(target), ...(target.logger ? { logger: target.logger } : {}) });
  return {
    async hand(envelope) {
      const report = await client.send([envelope]);
      // One line per platform; the TikTok copy's fate is the demo's headline (its journeys predate the others).
      const outcome = report.events.find((e) => e.destination === 'tiktok') ?? report.events[0];
      const detail = outcome ? { code: outcome.code, reason: outcome.reason, errors: outcome.errors, warnings: outcome.warnings, requestId: outcome.requestId, destinations: report.events.map((e) => ({ destination: e.destination, status: e.status })) } : undefined;
      return { status: outcome?.status === 'delivered' ? 'sent' : (outcome?.status ?? 'failed'), detail };
    },
    close: () => client.close(),
  };
}

export interface OutboxBackendOptions {
  /** SQLite file; default a fresh file in the OS temp directory, removed on close. */
  path?: string;
  /** Keep the file on close (default: keep a given path, remove a temporary one). */
  keep?: boolean;
  /** How often the worker looks for due events while idle (ms). Default 50: a demo should feel instant. */
  idleMs?: number;
}

export function outboxBackend(target: TikTokTarget, options: OutboxBackendOptions = {}): DeliveryBackend {
  const temporary = !options.path && !options.keep;
  const path = options.path ?? join(tmpdir(), `pixelpair-demo-${process.pid}-${randomBytes(4).toString('hex')}.db`);
  const store = createSqliteStore(path);
  const destinations = destinationsOf(target);
  const outbox = createOutbox({ store, destinations });
  const worker = startWorker({ store, destinations }, { idleMs: options.idleMs ?? 50, backoff: { baseMs: 200, maxMs: 5_000 } });
  return {
    async hand(envelope) {
      const result = await outbox.track(envelope);
      if (!result.ok) return { status: 'rejected', detail: { errors: result.errors } };
      return { status: result.duplicate ? 'duplicate' : 'enqueued', detail: { destinations: result.destinations } };
    },
    // Settled when nothing is waiting or in flight: every copy delivered or dead-lettered.
    async idle() {
      for (;;) {
        const { counts } = await store.status(Date.now());
        if (counts.pending === 0 && counts.leased === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await worker.close({ deadlineMs: 3_000 });
      await store.close();
      if (temporary) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    },
  };
}
