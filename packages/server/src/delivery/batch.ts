/**
 * buildRequestBodies: prepared events → v1.3 request bodies. Grouped by pixel id and
 * test_event_code (a test event never rides with live ones, or the live ones would be
 * recorded as tests), in order of first appearance, chunks of at most 1000 events.
 */
import type { PreparedEvent, TikTokRequestBody } from '../types.js';

export const MAX_EVENTS_PER_REQUEST = 1000;

export interface BatchOptions {
  /** Lower than 1000 if you want smaller requests; higher is clamped to 1000. */
  maxEvents?: number;
}

export function batchKey(e: Pick<PreparedEvent, 'pixelId' | 'testEventCode'>): string {
  return `${e.pixelId}\u0000${e.testEventCode ?? ''}`;
}

/** Same grouping as buildRequestBodies, keeping the prepared events (and their log info) per body. */
export function groupForRequests(events: readonly PreparedEvent[], options: BatchOptions = {}): PreparedEvent[][] {
  const size = Math.max(1, Math.min(MAX_EVENTS_PER_REQUEST, Math.floor(options.maxEvents ?? MAX_EVENTS_PER_REQUEST)));
  const groups = new Map<string, PreparedEvent[]>();
  for (const e of events) {
    const key = batchKey(e);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const chunks: PreparedEvent[][] = [];
  for (const group of groups.values()) for (let i = 0; i < group.length; i += size) chunks.push(group.slice(i, i + size));
  return chunks;
}

export function toRequestBody(chunk: readonly PreparedEvent[]): TikTokRequestBody {
  const first = chunk[0];
  if (!first) throw new Error('toRequestBody: a request needs at least one event');
  const body: TikTokRequestBody = { event_source: 'web', event_source_id: first.pixelId, data: chunk.map((e) => e.event) };
  if (first.testEventCode) body.test_event_code = first.testEventCode;
  return body;
}

export function buildRequestBodies(events: readonly PreparedEvent[], options: BatchOptions = {}): TikTokRequestBody[] {
  return groupForRequests(events, options).map(toRequestBody);
}
