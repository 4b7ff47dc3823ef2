/**
 * Pairs browser and server copies the way each platform deduplicates them: by destination +
 * account + event + event id (TikTok: pixel id + event + event_id). Pure: normalised copies in
 * (pair-copies.ts), pairs with one verdict each, a summary and match quality out, so the Test
 * Events page, the JSON API and unit tests share one truth. `pairEvents` adapts TikTok's
 * records; other destinations pass their adapted copies in `also`.
 */
import type { AcceptedEvent } from './records.js';
import type { PixelCall, PixelConsent, PixelStatus } from './pixel/pixel-call.js';
import { mergeCopySets, type CopySet, type Destination, type PixelCopy, type ServerCopy } from './pair-copies.js';
import { DESTINATION_RULES, TIKTOK_RULES, type DestinationRules } from './destinations.js';
import { gapWords, pairFindings, type Finding, type PairWarning, type Verdict } from './pair-warnings.js';
import { pixelConsentWords, serverConsentWords, type ServerConsentWords } from './consent-words.js';
import { consentTrail } from './consent-trail.js';
import { pairKey, testCodeView, TEST_CODE_RULE } from './test-code-view.js';
import { sideStates, summarise, verdictOf, VERDICT_LABELS, type PairsSummary, type SideState } from './verdicts.js';
import { matchQuality, type EventMatchQuality } from './match-quality.js';
import { tiktokCopies } from './tiktok-copies.js';

/** TikTok's merge window, kept at the report's top level for existing readers. */
export const MERGE_WINDOW_MS = TIKTOK_RULES.mergeWindowMs!;

export interface PixelSide {
  /** Calls whose final status is sent (a reload of the thank-you page makes 2). */
  sent: number;
  held: number;
  dropped: number;
  status: Exclude<PixelStatus, 'recorded'>;
  /** Arrival of the first sent copy (or of the first call when none was sent). */
  firstAt: number;
  consent: PixelConsent;
  /** The consent state in words. */
  consentText: string;
  /** The destination's browser-side keys (TikTok: email, phone_number, external_id, ttp). */
  matchKeys: Record<string, boolean>;
  url: string;
  /** What the calls were addressed to (Google: `send_to` targets); empty where the platform has no such thing. */
  targets: string[];
  /** Every sent copy went without cookies (Google's tag with ad_storage denied). */
  cookieless: boolean;
}

export interface ServerSide {
  count: number;
  firstAt: number;
  /** Unix seconds, as TikTok and Meta send it. */
  eventTime: number;
  requestIds: string[];
  testEventCode: string | null;
  /** The destination's server-side keys (TikTok: email, phone, external_id, ttclid, ttp, ip, user_agent). */
  matchKeys: Record<string, boolean>;
  /** As sent: TikTok's limited_data_use, and pixelpair's ad_user_data / ad_personalization properties. */
  limitedDataUse: boolean | null;
  adUserData: unknown;
  adPersonalization: unknown;
  /** The same consent, as words. */
  consent: ServerConsentWords;
  url: string | null;
  /** What the copies were addressed to (Google: conversion actions); empty where the platform has no such thing. */
  targets: string[];
}

export interface Pair {
  destination: Destination;
  /** TikTok/Meta pixel id, Google conversion action. */
  account: string | null;
  /** The account under TikTok's name, for existing readers. */
  pixelId: string | null;
  event: string;
  eventId: string;
  verdict: Verdict;
  /** 'OK' | 'Needs attention' | 'Broken'. */
  verdictLabel: string;
  /** The headline finding's code, beside its reason. */
  code: Finding['code'];
  reason: string;
  pixelState: SideState;
  serverState: SideState;
  pixel: PixelSide | null;
  server: ServerSide | null;
  /** server.firstAt − pixel.firstAt, when both sides exist and the pixel copy was sent. */
  gapMs: number | null;
  /** The gap in words ("0.3 s apart"). */
  gapText: string | null;
  withinMergeWindow: boolean | null;
  /** Everything found, worst first (including states correct by design, level "ok"). */
  findings: Finding[];
  /** The findings that need action (attention or broken), as `{ code, message }`. */
  warnings: PairWarning[];
}

export interface DestinationInfo {
  destination: Destination;
  name: string;
  pixelName: string;
  serverName: string;
  pairedBy: string;
  dedupText: string;
  /** Key names with their words, for showing matchKeys. */
  pixelKeys: Array<{ key: string; label: string }>;
  serverKeys: Array<{ key: string; label: string }>;
  /** How the stand-in pairs this destination and what its test mode does, in words. */
  note: string;
  /** This destination's pairs only, with a headline naming the platform. */
  summary: PairsSummary;
}

export interface PairsReport {
  generatedAt: number;
  mergeWindowMs: number;
  destinations: DestinationInfo[];
  filter: { testEventCode: string | null; rule: string; pixelPairedElsewhere: number; pixelUnattributed: number };
  summary: PairsSummary;
  /** Per destination and event name: which keys arrive on the server copies, how often. */
  matchQuality: EventMatchQuality[];
  /** Copies that cannot pair: server events without event_id, browser copies without one (TikTok page()/auto Pageviews, a Meta PageView without eventID). */
  unkeyed: { serverWithoutEventId: number; pixelWithoutEventId: number; autoPageviews: number };
  /** Server copies validated but not ingested (Google `validateOnly`): they never pair. Not filtered by test code (Google has none). */
  notIngested: number;
  pairs: Pair[];
}

export interface PairOptions {
  now: number;
  /** Only copies of this test: server copies sent with the code, browser copies attributed to them (test-code-view.ts). */
  testEventCode?: string;
  /** Keep the most recent N pairs in the answer (the summary still counts all). */
  limit?: number;
}

export interface PairInput extends PairOptions {
  server: readonly AcceptedEvent[];
  pixel: readonly PixelCall[];
  /** Other destinations' copies (Meta, Google), adapted by their stand-ins. */
  also?: readonly CopySet[];
}

export interface CopiesInput extends PairOptions, CopySet {}

const SEP = '\u0000';
const DESTINATION_ORDER: readonly Destination[] = ['tiktok', 'meta', 'google'];

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item); else out.set(k, [item]);
  }
  return out;
}

/** The most copies any one target got (a platform counts repeats per target), and the targets named. */
function perTarget(copies: ReadonlyArray<{ target?: string | null }>): { most: number; targets: string[] } {
  if (copies.every((c) => !c.target)) return { most: copies.length, targets: [] };
  const counts = new Map<string, number>();
  for (const c of copies) counts.set(c.target ?? '', (counts.get(c.target ?? '') ?? 0) + 1);
  return { most: Math.max(...counts.values()), targets: [...counts.keys()].filter((t) => t !== '') };
}

function pixelSide(copies: PixelCopy[], rules: DestinationRules): PixelSide {
  const sent = copies.filter((c) => c.status === 'sent');
  const first = sent[0] ?? copies[0]!;
  const latest = copies[copies.length - 1]!;
  const matchKeys: Record<string, boolean> = {};
  for (const spec of rules.pixelKeys) matchKeys[spec.key] = copies.some((c) => c.keys[spec.key] === true);
  return {
    sent: perTarget(sent).most,
    held: copies.filter((c) => c.status === 'held').length,
    dropped: copies.filter((c) => c.status === 'dropped').length,
    status: sent.length ? 'sent' : copies.some((c) => c.status === 'held') ? 'held' : 'dropped',
    firstAt: first.at,
    consent: latest.consent,
    consentText: pixelConsentWords(latest.consent),
    matchKeys,
    url: first.pageUrl,
    targets: perTarget(copies).targets,
    cookieless: sent.length > 0 && sent.every((c) => c.cookieless === true),
  };
}

function serverSide(copies: ServerCopy[], rules: DestinationRules): ServerSide {
  const first = copies[0]!;
  const { most, targets } = perTarget(copies);
  return {
    count: most, firstAt: first.at, eventTime: Math.floor(first.eventTimeMs / 1000), requestIds: copies.map((e) => e.requestId),
    testEventCode: first.testEventCode, matchKeys: { ...first.keys }, limitedDataUse: first.consent.limitedDataUse,
    adUserData: first.raw.adUserData, adPersonalization: first.raw.adPersonalization,
    consent: serverConsentWords(first.consent, rules.name, rules), url: first.pageUrl, targets,
  };
}

/** TikTok's records (and, in `also`, other destinations' copies) → the Test Events report. */
export function pairEvents(input: PairInput): PairsReport {
  const copies = mergeCopySets([tiktokCopies({ events: input.server, pixelCalls: input.pixel }), ...(input.also ?? [])]);
  return pairCopies({ ...copies, now: input.now, testEventCode: input.testEventCode, limit: input.limit });
}

export function pairCopies(input: CopiesInput): PairsReport {
  const view = testCodeView(input, input.testEventCode);
  const trail = consentTrail(input.consent);
  const serverGroups = group(view.server.filter((s) => s.eventId !== null), pairKey);
  const pixelGroups = group(view.pixel.filter((p) => p.eventId !== null), pairKey);
  const unkeyedPixel = view.pixel.filter((p) => p.eventId === null);
  const unkeyed = {
    serverWithoutEventId: view.server.length - [...serverGroups.values()].reduce((n, g) => n + g.length, 0),
    pixelWithoutEventId: unkeyedPixel.length,
    autoPageviews: unkeyedPixel.filter((p) => p.auto).length,
  };

  // Names seen per (destination, account, event id) on each side, for name-mismatch and reuse findings.
  const names = new Map<string, { pixel: Set<string>; server: Set<string> }>();
  const nameKey = (c: PixelCopy | ServerCopy) => c.destination + SEP + (c.account ?? '') + SEP + c.eventId;
  const noteName = (c: PixelCopy | ServerCopy, side: 'pixel' | 'server') => {
    let entry = names.get(nameKey(c));
    if (!entry) names.set(nameKey(c), (entry = { pixel: new Set(), server: new Set() }));
    entry[side].add(c.event);
  };
  for (const g of pixelGroups.values()) noteName(g[0]!, 'pixel');
  for (const g of serverGroups.values()) noteName(g[0]!, 'server');

  const pairs: Pair[] = [];
  for (const key of new Set([...serverGroups.keys(), ...pixelGroups.keys()])) {
    const serverCopies = serverGroups.get(key);
    const pixelCopies = pixelGroups.get(key);
    const sample = (serverCopies?.[0] ?? pixelCopies![0]!) as PixelCopy | ServerCopy;
    const rules = DESTINATION_RULES[sample.destination];
    const pixel = pixelCopies ? pixelSide(pixelCopies, rules) : null;
    const server = serverCopies ? serverSide(serverCopies, rules) : null;
    const gapMs = pixel && server && pixel.status === 'sent' ? server.firstAt - pixel.firstAt : null;
    const withinMergeWindow = gapMs === null || rules.mergeWindowMs === null ? null : Math.abs(gapMs) <= rules.mergeWindowMs;
    const byConsent = server && !pixel ? trail.explain(serverCopies![0]!) : null;
    const draft = { destination: sample.destination, account: sample.account, event: sample.event, eventId: sample.eventId!, pixel, server, gapMs, withinMergeWindow };
    const findings = pairFindings(draft, {
      rules, names: names.get(nameKey(sample))!, now: input.now, byConsent: byConsent?.state ?? null, byConsentSource: byConsent?.source ?? null,
    });
    const verdict = verdictOf(findings);
    const sides = sideStates(draft, findings);
    const warnings: PairWarning[] = [];
    for (const f of findings) if (f.level !== 'ok') warnings.push({ code: f.code, message: f.detail });
    // Written out rather than spread: one object shape for every pair keeps this loop cheap at 100k pairs.
    pairs.push({
      destination: draft.destination, account: draft.account, pixelId: draft.account, event: draft.event, eventId: draft.eventId,
      verdict: verdict.verdict, verdictLabel: VERDICT_LABELS[verdict.verdict], code: verdict.code, reason: verdict.reason,
      pixelState: sides.pixelState, serverState: sides.serverState, pixel, server,
      gapMs, gapText: gapMs === null ? null : gapWords(gapMs), withinMergeWindow, findings, warnings,
    });
  }

  const firstAt = (p: Pair) => Math.min(p.pixel?.firstAt ?? Infinity, p.server?.firstAt ?? Infinity);
  pairs.sort((a, b) => firstAt(b) - firstAt(a));
  const seen = new Set<Destination>(pairs.map((p) => p.destination));
  // A fixed order, so the page's groups and the help never reshuffle between refreshes.
  const present = DESTINATION_ORDER.filter((d) => seen.has(d));
  if (!present.length) present.push('tiktok');
  // Who miscounts, in the headline: the destination in view, or those the broken pairs belong to.
  const brokenAt = DESTINATION_ORDER.filter((d) => pairs.some((p) => p.destination === d && p.verdict === 'broken')).map((d) => DESTINATION_RULES[d].name);
  const platform = present.length === 1 ? DESTINATION_RULES[present[0]!].name
    : brokenAt.length ? brokenAt.slice(0, -1).join(', ') + (brokenAt.length > 1 ? ' and ' : '') + brokenAt[brokenAt.length - 1] : 'the platform';
  const code = input.testEventCode ?? null;
  return {
    generatedAt: input.now,
    mergeWindowMs: MERGE_WINDOW_MS,
    destinations: present.map((d) => {
      const r = DESTINATION_RULES[d];
      const keys = (specs: DestinationRules['serverKeys']) => specs.map(({ key, label }) => ({ key, label }));
      return {
        destination: d, name: r.name, pixelName: r.pixelName, serverName: r.serverName, pairedBy: r.pairedBy, dedupText: r.dedupText,
        pixelKeys: keys(r.pixelKeys), serverKeys: keys(r.serverKeys), note: r.note,
        summary: summarise(present.length === 1 ? pairs : pairs.filter((p) => p.destination === d), code, r.name),
      };
    }),
    filter: { testEventCode: input.testEventCode ?? null, rule: TEST_CODE_RULE, pixelPairedElsewhere: view.pixelPairedElsewhere, pixelUnattributed: view.pixelUnattributed },
    summary: summarise(pairs, code, platform),
    matchQuality: matchQuality(pairs),
    unkeyed,
    notIngested: input.notIngested ?? 0,
    pairs: input.limit && input.limit > 0 ? pairs.slice(0, input.limit) : pairs,
  };
}
