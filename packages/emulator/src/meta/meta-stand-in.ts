/**
 * The Meta half of the emulator: its options, its own records and faults, its routes, and the
 * `emulator.meta` object tests use. startEmulator builds one and routes to it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFaults, type FaultSpec } from '../faults.js';
import { handleMetaEvents, matchEventsPath } from './events-endpoint.js';
import { META_FAULT_KINDS, type MetaFaultKind } from './meta-faults.js';
import { createMetaRecordStore, type MetaRecords } from './meta-records.js';
import { META_PIXEL_SCRIPT_PATH, handleMetaRoutes } from './meta-routes.js';

export const META_DEFAULT_VERSION = 'v25.0';

export interface MetaOptions {
  /** Accepted access tokens. Default: any non-empty token except the reserved ones (`expired-token`, `invalid-token`, `revoked-token`, `no-permission-token`). */
  accessTokens?: string[];
  /** When set, every request must carry `appsecret_proof` = HMAC-SHA256(appSecret, access_token) in hex. */
  appSecret?: string;
  /** Known pixel (dataset) ids; others get code 100 / subcode 33. Default: any numeric id. */
  pixelIds?: string[];
  /** Reject events without event_id (default true: without one no Pixel copy can deduplicate). */
  requireEventId?: boolean;
  /** How many of the most recent accepted events keep their full body (default 10000; 0 = none). */
  detailLimit?: number;
}

export interface MetaStandIn {
  /** The origin standing in for `https://graph.facebook.com`. */
  graphUrl: string;
  /** The full Conversions API endpoint, `{graphUrl}/{version}/{pixelId}/events`. */
  apiUrl(pixelId: string, version?: string): string;
  /** The fbq stub, to load in place of `https://connect.facebook.net/en_US/fbevents.js`. */
  pixelScriptUrl: string;
  faults: { set(spec: FaultSpec<MetaFaultKind>): void; clear(): void; get(): (FaultSpec<MetaFaultKind> & { remaining?: number }) | null };
  /** Everything recorded; `{ summary: true }` returns totals and duplicates only. */
  records(options?: { summary?: boolean }): MetaRecords;
  /** How many times (pixel id, event_name, event_id) was accepted. */
  acceptances(pixelId: string, eventName: string, eventId: string): number;
  /** Forget all Meta records and clear Meta faults. */
  reset(): void;
}

export interface MetaRuntime {
  /** Answers a Meta route and returns true, or returns false when the path is not Meta's. */
  route(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  reset(): void;
  publicApi(url: string): MetaStandIn;
}

function checkOptions(options: MetaOptions): void {
  if (options.accessTokens && options.accessTokens.some((t) => typeof t !== 'string' || !t.trim())) {
    throw new Error('startEmulator: meta.accessTokens must be non-empty strings');
  }
  if (options.appSecret !== undefined && (typeof options.appSecret !== 'string' || !options.appSecret)) {
    throw new Error('startEmulator: meta.appSecret must be a non-empty string');
  }
  if (options.pixelIds && options.pixelIds.some((id) => typeof id !== 'string' || !/^\d{1,20}$/.test(id))) {
    throw new Error('startEmulator: meta.pixelIds must be numeric strings (Meta pixel ids are digits)');
  }
}

export function createMetaRuntime(options: MetaOptions, hold: (ms: number, then: () => void) => void, baseUrl: () => string): MetaRuntime {
  checkOptions(options);
  const records = createMetaRecordStore(options.detailLimit ?? 10_000);
  const faults = createFaults(META_FAULT_KINDS);
  const reset = () => { records.reset(); faults.clear(); };
  const deps = {
    records, faults, hold,
    accessTokens: options.accessTokens ? new Set(options.accessTokens) : null,
    appSecret: options.appSecret ?? null,
    pixelIds: options.pixelIds ? new Set(options.pixelIds) : null,
    requireEventId: options.requireEventId ?? true,
  };
  return {
    async route(req, res, path) {
      const target = matchEventsPath(path);
      if (target) {
        await handleMetaEvents(req, res, deps, target);
        return true;
      }
      return handleMetaRoutes(req, res, path, { records, faults, baseUrl, reset });
    },
    reset,
    publicApi(url) {
      return {
        graphUrl: url,
        apiUrl: (pixelId, version = META_DEFAULT_VERSION) => `${url}/${version}/${encodeURIComponent(pixelId)}/events`,
        pixelScriptUrl: `${url}${META_PIXEL_SCRIPT_PATH}`,
        faults: { set: (spec) => faults.set(spec), clear: () => faults.clear(), get: () => faults.get() },
        records: (opts) => records.snapshot(opts?.summary ?? false),
        acceptances: (pixelId, eventName, eventId) => records.acceptances(pixelId, eventName, eventId),
        reset,
      };
    },
  };
}
