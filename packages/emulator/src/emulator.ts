/**
 * startEmulator: one local HTTP server standing in for TikTok (Events API at TikTok's own
 * path, the pixel script, the Test Events page) and Meta (Conversions API at Meta's path, the
 * fbq script; see meta/), plus the JSON API tests read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createFaults, type FaultSpec } from './faults.js';
import { createRecordStore, type EmulatorRecords } from './records.js';
import { createRequestIds } from './request-id.js';
import { handleTrack, type TrackDeps } from './track-endpoint.js';
import { handleAdmin } from './admin-routes.js';
import { sendText } from './http.js';
import { pairEvents, type PairsReport } from './pairing.js';
import { createMetaRuntime, type MetaOptions, type MetaStandIn } from './meta/meta-stand-in.js';
import { createGoogle, type GoogleOptions, type GoogleStandIn } from './google/google.js';
import type { CopySet } from './pair-copies.js';
import { metaCopies } from './meta-copies.js';
import { googleCopies } from './google-copies.js';

export const TRACK_PATH = '/open_api/v1.3/event/track/';
export const PIXEL_SCRIPT_PATH = '/pixel/events.js';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Accepted tokens. Default: any non-empty token except the reserved ones (`expired-token`, `invalid-token`, `revoked-token`). */
  accessTokens?: string[];
  /** Known pixel ids; others get 40001. Default: any. */
  pixelIds?: string[];
  /** Reject events without event_id (default true: without one no pair can deduplicate). */
  requireEventId?: boolean;
  /** How many of the most recent accepted events keep their full body (default 10000; 0 = none). */
  detailLimit?: number;
  /** The Meta stand-in's own options (tokens, app secret, pixel ids). */
  meta?: MetaOptions;
  /** The Google stand-in (token endpoint, Data Manager API, gtag stub); always on. */
  google?: GoogleOptions;
}

export interface Emulator {
  url: string;
  apiUrl: string;
  pixelScriptUrl: string;
  testEventsUrl: string;
  faults: { set(spec: FaultSpec): void; clear(): void; get(): (FaultSpec & { remaining?: number }) | null };
  /** Everything recorded; `{ summary: true }` returns totals and duplicates only (cheap after 100k events). */
  records(options?: { summary?: boolean }): EmulatorRecords;
  /** How many times (pixel id, event, event_id) was accepted. */
  acceptances(pixelId: string, event: string, eventId: string): number;
  /** The Test Events pairing of everything recorded so far, TikTok, Meta and Google (same as `GET /__emulator/pairs`). */
  pairs(options?: { testEventCode?: string }): PairsReport;
  /** The Meta stand-in: Conversions API at `/{version}/{pixel_id}/events`, the fbq stub, its records and faults. */
  meta: MetaStandIn;
  /** The Google stand-in: its URLs, test service account, faults and records. */
  google: GoogleStandIn;
  /** Forgets all records (TikTok, Meta and Google) and clears every fault spec. */
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  if (options.accessTokens && options.accessTokens.some((t) => typeof t !== 'string' || !t.trim())) {
    throw new Error('startEmulator: accessTokens must be non-empty strings');
  }
  const records = createRecordStore(options.detailLimit ?? 10_000);
  const faults = createFaults();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const hold = (ms: number, then: () => void) => {
    const timer = setTimeout(() => { timers.delete(timer); then(); }, ms);
    timers.add(timer);
  };
  const emulatorRef: { url: string } = { url: '' };
  const meta = createMetaRuntime(options.meta ?? {}, hold, () => emulatorRef.url);
  const deps: TrackDeps = {
    records, faults, nextRequestId: createRequestIds(),
    accessTokens: options.accessTokens ? new Set(options.accessTokens) : null,
    pixelIds: options.pixelIds ? new Set(options.pixelIds) : null,
    requireEventId: options.requireEventId ?? true,
    hold,
  };
  const google = createGoogle(options.google ?? {}, options.detailLimit ?? 10_000, () => emulatorRef.url, hold);
  // Meta's and Google's records, adapted for the Test Events pairing beside TikTok's.
  const otherCopies = (): CopySet[] => [metaCopies(meta.publicApi(emulatorRef.url).records()), googleCopies(google.standIn(emulatorRef.url).records())];

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (await google.handle(req, res)) return;
    if (path === TRACK_PATH) {
      if (req.method !== 'POST') return sendText(res, 405, 'text/plain', 'Method Not Allowed', { allow: 'POST' });
      return handleTrack(req, res, deps);
    }
    // The shared reset route forgets Meta's and Google's records too.
    if (path === '/__emulator/reset' && req.method === 'POST') {
      meta.reset();
      google.reset();
    }
    if (await meta.route(req, res, path)) return;
    const handled = await handleAdmin(req, res, { records, faults, baseUrl: () => emulatorRef.url, otherCopies });
    if (!handled) sendText(res, 404, 'text/plain; charset=utf-8', `Not found: ${req.method} ${path}. TikTok's Events API is POST ${TRACK_PATH}; Meta's Conversions API is POST /v25.0/{pixel_id}/events`);
  };

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, 'text/plain', `emulator error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  emulatorRef.url = url;

  return {
    url,
    apiUrl: `${url}${TRACK_PATH}`,
    pixelScriptUrl: `${url}${PIXEL_SCRIPT_PATH}`,
    testEventsUrl: `${url}/test-events`,
    faults: { set: (spec) => faults.set(spec), clear: () => faults.clear(), get: () => faults.get() },
    records: (opts) => records.snapshot(opts?.summary ?? false),
    acceptances: (pixelId, event, eventId) => records.acceptances(pixelId, event, eventId),
    pairs: (opts) => pairEvents({ server: records.events(), pixel: records.pixelCalls(), also: otherCopies(), now: Date.now(), testEventCode: opts?.testEventCode }),
    meta: meta.publicApi(url),
    google: google.standIn(url),
    reset() {
      records.reset();
      faults.clear();
      meta.reset();
      google.reset();
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
