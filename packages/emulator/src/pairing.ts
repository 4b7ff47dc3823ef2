/**
 * Pairs browser and server copies the way TikTok deduplicates them: by (pixel id, event,
 * event_id). Pure: records in, pairs and warnings out, so the Test Events page, the JSON API
 * and unit tests share one truth.
 */
import { sameAction } from '@pixelpair/core';
import type { AcceptedEvent, MatchKeyFlags } from './records.js';
import type { PixelCall, PixelConsent, PixelStatus } from './pixel/pixel-call.js';
import { pairWarnings, type PairWarning } from './pair-warnings.js';

/** Copies arriving within 5 minutes of each other are merged by TikTok (later ones within 48 h are dropped). */
export const MERGE_WINDOW_MS = 5 * 60 * 1000;

export interface PixelSide {
  /** Calls whose final status is sent (a reload of the thank-you page makes 2). */
  sent: number;
  held: number;
  dropped: number;
  status: Exclude<PixelStatus, 'recorded'>;
  /** Arrival of the first sent copy (or of the first call when none was sent). */
  firstAt: number;
  consent: PixelConsent;
  matchKeys: { email: boolean; phone_number: boolean; external_id: boolean; ttp: boolean };
  url: string;
}

export interface ServerSide {
  count: number;
  firstAt: number;
  eventTime: number;
  requestIds: string[];
  testEventCode: string | null;
  matchKeys: MatchKeyFlags;
  limitedDataUse: boolean | null;
  adUserData: unknown;
  adPersonalization: unknown;
}

export interface Pair {
  pixelId: string | null;
  event: string;
  eventId: string;
  pixel: PixelSide | null;
  server: ServerSide | null;
  /** server.firstAt − pixel.firstAt, when both sides exist. */
  gapMs: number | null;
  withinMergeWindow: boolean | null;
  warnings: PairWarning[];
}

export interface PairsReport {
  generatedAt: number;
  mergeWindowMs: number;
  summary: { pairs: number; paired: number; serverOnly: number; pixelOnly: number; clean: number; warnings: Record<string, number> };
  /** Copies that cannot pair: server events without event_id, pixel page()/auto Pageviews without one. */
  unkeyed: { serverWithoutEventId: number; pixelWithoutEventId: number; autoPageviews: number };
  pairs: Pair[];
}

export interface PairInput {
  server: readonly AcceptedEvent[];
  pixel: readonly PixelCall[];
  now: number;
  /** Only server copies sent with this test_event_code. */
  testEventCode?: string;
  /** Keep the most recent N pairs in the answer (the summary still counts all). */
  limit?: number;
}

const SEP = '\u0000';

function pixelSide(calls: PixelCall[]): PixelSide {
  const sent = calls.filter((c) => c.status === 'sent');
  const first = sent[0] ?? calls[0]!;
  const latest = calls[calls.length - 1]!;
  const identity = (key: string) => calls.some((c) => c.identity[key] !== undefined);
  return {
    sent: sent.length,
    held: calls.filter((c) => c.status === 'held').length,
    dropped: calls.filter((c) => c.status === 'dropped').length,
    status: sent.length ? 'sent' : calls.some((c) => c.status === 'held') ? 'held' : 'dropped',
    firstAt: first.at,
    consent: latest.consent,
    matchKeys: { email: identity('email'), phone_number: identity('phone_number'), external_id: identity('external_id'), ttp: calls.some((c) => !!c.ttp) },
    url: first.url,
  };
}

function serverSide(events: AcceptedEvent[]): ServerSide {
  const first = events[0]!;
  return {
    count: events.length, firstAt: first.at, eventTime: first.eventTime, requestIds: events.map((e) => e.requestId),
    testEventCode: first.testEventCode, matchKeys: first.keys, limitedDataUse: first.limitedDataUse,
    adUserData: first.adUserData, adPersonalization: first.adPersonalization,
  };
}

/** The final state of each pixel call: a held call released later counts once, as sent. */
function finalPixelCalls(pixel: readonly PixelCall[]): PixelCall[] {
  const byCall = new Map<string, PixelCall>();
  for (const call of pixel) {
    if ((call.method === 'track' || call.method === 'page') && call.eventId !== null && call.event !== null) byCall.set(call.callId, call);
  }
  return [...byCall.values()];
}

export function pairEvents(input: PairInput): PairsReport {
  const serverGroups = new Map<string, AcceptedEvent[]>();
  let serverWithoutEventId = 0;
  for (const e of input.server) {
    if (input.testEventCode !== undefined && e.testEventCode !== input.testEventCode) continue;
    if (e.eventId === null) { serverWithoutEventId++; continue; }
    const key = e.pixelId + SEP + e.event + SEP + e.eventId;
    const group = serverGroups.get(key);
    if (group) group.push(e); else serverGroups.set(key, [e]);
  }
  const pixelGroups = new Map<string, PixelCall[]>();
  for (const c of finalPixelCalls(input.pixel)) {
    const key = (c.pixelId ?? '') + SEP + c.event + SEP + c.eventId;
    const group = pixelGroups.get(key);
    if (group) group.push(c); else pixelGroups.set(key, [c]);
  }
  const keyed = input.pixel.filter((c) => c.method === 'track' || c.method === 'page');
  const unkeyed = {
    serverWithoutEventId,
    pixelWithoutEventId: new Set(keyed.filter((c) => c.eventId === null).map((c) => c.callId)).size,
    autoPageviews: new Set(keyed.filter((c) => c.auto).map((c) => c.callId)).size,
  };

  // Names seen per (pixel id, event_id) on each side, for name-mismatch and reuse warnings.
  const names = new Map<string, { pixel: Set<string>; server: Set<string> }>();
  const noteName = (pixelId: string, eventId: string, event: string, side: 'pixel' | 'server') => {
    const key = pixelId + SEP + eventId;
    let entry = names.get(key);
    if (!entry) names.set(key, (entry = { pixel: new Set(), server: new Set() }));
    entry[side].add(event);
  };
  const pairs: Pair[] = [];
  for (const key of new Set([...serverGroups.keys(), ...pixelGroups.keys()])) {
    const [pixelId = '', event = '', eventId = ''] = key.split(SEP);
    const pixelCalls = pixelGroups.get(key);
    const serverEvents = serverGroups.get(key);
    const pixel = pixelCalls ? pixelSide(pixelCalls) : null;
    const server = serverEvents ? serverSide(serverEvents) : null;
    const gapMs = pixel && server && pixel.status === 'sent' ? server.firstAt - pixel.firstAt : null;
    pairs.push({ pixelId: pixelId || null, event, eventId, pixel, server, gapMs, withinMergeWindow: gapMs === null ? null : Math.abs(gapMs) <= MERGE_WINDOW_MS, warnings: [] });
    if (pixel) noteName(pixelId, eventId, event, 'pixel');
    if (server) noteName(pixelId, eventId, event, 'server');
  }
  const summary: PairsReport['summary'] = { pairs: pairs.length, paired: 0, serverOnly: 0, pixelOnly: 0, clean: 0, warnings: {} };
  for (const pair of pairs) {
    pair.warnings = pairWarnings(pair, names.get((pair.pixelId ?? '') + SEP + pair.eventId)!, sameAction);
    if (pair.pixel && pair.server) summary.paired++;
    else if (pair.server) summary.serverOnly++;
    else summary.pixelOnly++;
    if (pair.warnings.length === 0) summary.clean++;
    for (const w of pair.warnings) summary.warnings[w.code] = (summary.warnings[w.code] ?? 0) + 1;
  }
  const firstAt = (p: Pair) => Math.min(p.pixel?.firstAt ?? Infinity, p.server?.firstAt ?? Infinity);
  pairs.sort((a, b) => firstAt(b) - firstAt(a));
  return {
    generatedAt: input.now, mergeWindowMs: MERGE_WINDOW_MS, summary, unkeyed,
    pairs: input.limit && input.limit > 0 ? pairs.slice(0, input.limit) : pairs,
  };
}
