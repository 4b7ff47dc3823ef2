/**
 * The two ways the shop hands server copies to pixelpair.
 * - `outboxBackend` (the default): the copy is durably enqueued in a SQLite outbox and an
 *   in-process worker delivers it. The outbox's unique key on (pixel id, event, event_id)
 *   makes a second enqueue of the same purchase a reported no-op.
 * - `directBackend`: createTikTok sends at once (with its retries); the shop sees the outcome.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTikTok, tiktokDestination } from '@pixelpair/server';
import type { Logger } from '@pixelpair/server';
import { createOutbox, createSqliteStore, startWorker } from '@pixelpair/server/outbox';
import type { DeliveryBackend } from './delivery.js';

export interface TikTokTarget {
  apiUrl: string;
  accessToken: string;
  pixelId: string;
  testEventCode?: string;
  /** pino-compatible; default: the server package's warnings-and-errors JSON logger. */
  logger?: Logger;
}

export function directBackend(target: TikTokTarget): DeliveryBackend {
  const tiktok = createTikTok({
    apiUrl: target.apiUrl,
    accessToken: target.accessToken,
    pixelId: target.pixelId,
    ...(target.testEventCode ? { testEventCode: target.testEventCode } : {}),
    ...(target.logger ? { logger: target.logger } : {}),
  });
  return {
    async hand(envelope) {
      const report = await tiktok.send([envelope]);
      const outcome = report.events[0];
      const detail = outcome ? { code: outcome.code, reason: outcome.reason, errors: outcome.errors, warnings: outcome.warnings, requestId: outcome.requestId } : undefined;
      return { status: outcome?.status === 'delivered' ? 'sent' : (outcome?.status ?? 'failed'), detail };
    },
    close: () => tiktok.close(),
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
  const tiktok = tiktokDestination({ pixelId: target.pixelId, apiUrl: target.apiUrl, accessToken: target.accessToken, ...(target.testEventCode ? { testEventCode: target.testEventCode } : {}) });
  const outbox = createOutbox({ store, destinations: [tiktok] });
  const worker = startWorker({ store, destinations: [tiktok] }, { idleMs: options.idleMs ?? 50, backoff: { baseMs: 200, maxMs: 5_000 } });
  return {
    async hand(envelope) {
      const result = await outbox.track(envelope);
      if (!result.ok) return { status: 'rejected', detail: { errors: result.errors } };
      return { status: result.duplicate ? 'duplicate' : 'enqueued' };
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
