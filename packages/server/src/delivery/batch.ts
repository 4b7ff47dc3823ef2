/**
 * Grouping prepared events into requests: by destination, account and batch (a test event
 * never rides with live ones, a Google conversion action with another), in order of first
 * appearance, chunks of at most the destination's limit.
 */
import type { PreparedEvent } from '../destinations/destination.js';

export interface RequestGroup<T extends Pick<PreparedEvent, 'destination' | 'account' | 'batch'>> {
  destination: T['destination'];
  account: string;
  batch: string;
  events: T[];
}

export function groupForRequests<T extends Pick<PreparedEvent, 'destination' | 'account' | 'batch'>>(events: readonly T[], maxPerRequest: (destination: T['destination']) => number): RequestGroup<T>[] {
  const groups = new Map<string, RequestGroup<T>>();
  for (const e of events) {
    const key = `${e.destination}\u0000${e.account}\u0000${e.batch}`;
    const group = groups.get(key);
    if (group) group.events.push(e);
    else groups.set(key, { destination: e.destination, account: e.account, batch: e.batch, events: [e] });
  }
  const chunks: RequestGroup<T>[] = [];
  for (const group of groups.values()) {
    const size = Math.max(1, maxPerRequest(group.destination));
    for (let i = 0; i < group.events.length; i += size) chunks.push({ ...group, events: group.events.slice(i, i + size) });
  }
  return chunks;
}

export interface RequestBatcher<T extends Pick<PreparedEvent, 'destination' | 'account' | 'batch'>> {
  /** Adds one event; answers the request it completed, if it filled one. */
  add(event: T): RequestGroup<T> | undefined;
  /** The unfilled requests that have waited long enough (see `holdFor`): send them now. */
  due(): RequestGroup<T>[];
  /** Every unfilled request, in order of first appearance: the end of the input. */
  rest(): RequestGroup<T>[];
}

/**
 * The same grouping, built while events arrive, so sending can start before the last one is
 * prepared: a request goes as soon as it holds the destination's limit. An unfilled request
 * (a rare test event code, one of many Google conversion actions) waits for more of its kind
 * until `holdFor(destination)` other events have arrived since its first one, then goes at the
 * caller's next `due()`. So every request is either full or spans that many events: for one
 * batch (the usual TikTok or Meta send) the requests are exactly groupForRequests', and a
 * send of n events over k batches makes at most n / limit + k × (n / hold + 1) requests.
 */
export function requestBatcher<T extends Pick<PreparedEvent, 'destination' | 'account' | 'batch'>>(
  maxPerRequest: (destination: T['destination']) => number,
  holdFor: (destination: T['destination']) => number,
): RequestBatcher<T> {
  const open = new Map<string, { group: RequestGroup<T>; since: number; size: number; hold: number }>();
  let seen = 0;
  const take = (key: string) => {
    const { group } = open.get(key)!;
    open.delete(key);
    return group;
  };
  return {
    add(e) {
      seen += 1;
      const key = `${e.destination}\u0000${e.account}\u0000${e.batch}`;
      let entry = open.get(key);
      if (entry) entry.group.events.push(e);
      else {
        entry = { group: { destination: e.destination, account: e.account, batch: e.batch, events: [e] }, since: seen, size: Math.max(1, maxPerRequest(e.destination)), hold: holdFor(e.destination) };
        open.set(key, entry);
      }
      return entry.group.events.length >= entry.size ? take(key) : undefined;
    },
    due() {
      const ready: RequestGroup<T>[] = [];
      for (const [key, o] of open) if (seen - o.since >= o.hold) ready.push(take(key));
      return ready;
    },
    rest() {
      return [...open.keys()].map(take);
    },
  };
}
