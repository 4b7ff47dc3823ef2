/**
 * Request bodies from prepared events, without sending them (the `payload` command, tests,
 * other transports): grouped and chunked like the delivery path, built by each destination,
 * without credentials. `buildRequestBodies` returns them parsed; `requestBodies` as the
 * JSON text that would go on the wire.
 */
import type { AnyDestination, PreparedEvent } from '../destinations/destination.js';
import { metaDestination } from '../destinations/meta/meta.js';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import type { TikTokRequestBody } from '../destinations/tiktok/wire.js';
import { groupForRequests } from './batch.js';

export interface RequestBody {
  destination: PreparedEvent['destination'];
  account: string;
  batch: string;
  events: number;
  body: string;
}

export interface BodyOptions {
  /** The destinations the events were prepared for; default: built from each event's destination and account. */
  destinations?: readonly AnyDestination[];
  /** Fewer events per request than the destination's limit (never more). */
  maxEvents?: number;
}

function destinationFor(e: Pick<PreparedEvent, 'destination' | 'account'>, given: readonly AnyDestination[] | undefined): AnyDestination {
  const found = given?.find((d) => d.id === e.destination && d.account === e.account);
  if (found) return found;
  if (e.destination === 'meta') return metaDestination({ pixelId: e.account });
  if (e.destination === 'tiktok') return tiktokDestination({ pixelId: e.account });
  throw new Error(`pixelpair: pass the ${e.destination} destination to build its bodies`);
}

export function requestBodies(events: readonly PreparedEvent[], options: BodyOptions = {}): RequestBody[] {
  const cache = new Map<string, AnyDestination>();
  const of = (e: Pick<PreparedEvent, 'destination' | 'account'>) => {
    const key = `${e.destination}\u0000${e.account}`;
    let d = cache.get(key);
    if (!d) cache.set(key, (d = destinationFor(e, options.destinations)));
    return d;
  };
  const limit = (e: PreparedEvent) => Math.min(of(e).maxEventsPerRequest, Math.max(1, Math.floor(options.maxEvents ?? Infinity)));
  const limits = new Map(events.map((e) => [e.destination, limit(e)]));
  return groupForRequests(events, (id) => limits.get(id) ?? 1000).map((g) => ({
    destination: g.destination, account: g.account, batch: g.batch, events: g.events.length,
    body: of(g).body(g.batch, g.events),
  }));
}

/** TikTok's v1.3 bodies as objects, the way `buildRequestBodies` has always answered. */
export function buildRequestBodies(events: readonly PreparedEvent[], options: BodyOptions = {}): TikTokRequestBody[] {
  return requestBodies(events, options).map((b) => JSON.parse(b.body) as TikTokRequestBody);
}
