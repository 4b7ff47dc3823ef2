/**
 * What the Test Events page finds about one pair: each finding has a level (ok: correct by
 * design; attention: counted, but weaker than it could be or still on its way; broken: the
 * platform will miscount or lose it), a reason in plain words for a marketer, and a detail
 * in field names for a developer. Pure: the pair and its context in, findings out.
 */
import { TIKTOK_RULES, type DestinationRules, type MatchKeySpec } from './destinations.js';
import type { Pair } from './pairing.js';

export type Verdict = 'ok' | 'attention' | 'broken';

export type PairWarningCode =
  | 'server_missing' | 'pixel_missing' | 'server_pending' | 'pixel_pending' | 'name_mismatch' | 'duplicate_event_id'
  | 'missing_ip' | 'missing_user_agent' | 'no_strong_key' | 'stale_event_time' | 'future_event_time'
  | 'server_sent_twice' | 'event_name_case' | 'outside_merge_window' | 'consent_mismatch' | 'user_data_despite_refusal';

/** States that are correct by design: reported so the page can say why a pair is fine. */
export type PairNoteCode = 'paired' | 'pixel_not_sent' | 'pixel_sent_twice' | 'anonymous_by_consent' | 'anonymous_upper_funnel' | 'browser_only';

export type FindingCode = PairWarningCode | PairNoteCode;

export interface Finding {
  code: FindingCode;
  level: Verdict;
  /** Plain words: what it means for the campaign. */
  reason: string;
  /** Field names and values: what to change. */
  detail: string;
}

/** The findings that need action, in the shape the JSON API has always had. */
export interface PairWarning { code: FindingCode; message: string }

export type PairDraft = Pick<Pair, 'destination' | 'account' | 'event' | 'eventId' | 'pixel' | 'server' | 'gapMs' | 'withinMergeWindow'>;

export interface FindingContext {
  rules: DestinationRules;
  /** Event names seen with this account + event id on each side. */
  names: { pixel: ReadonlySet<string>; server: ReadonlySet<string> };
  now: number;
  /** Why a server-only pair has no browser copy, when the consent trail says so. */
  byConsent: 'held' | 'refused' | null;
  /** How the consent finding was established, in words ("the server copy says…"). */
  byConsentSource: string | null;
}

/** TikTok's stale event_time limit (each destination's is in destinations.ts). */
export const STALE_AFTER_MS: number = TIKTOK_RULES.staleAfterMs!;
/** Clock skew tolerated before an event_time counts as in the future. */
export const FUTURE_SKEW_MS = 60 * 1000;
/** How long a copy may wait for its twin before it counts as missing (outboxes send a moment later). */
export const TWIN_WAIT_MS = 60 * 1000;

const listOf = (specs: readonly MatchKeySpec[]) => specs.map((s) => s.label).join(', ');

/** How far apart two copies arrived: "within 0.1 s", "0.3 s apart", "14 s apart", "6 min apart". */
export function gapWords(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 100) return 'within 0.1 s';
  if (abs < 10_000) return `${(abs / 1000).toFixed(1)} s apart`;
  if (abs < 120_000) return `${Math.round(abs / 1000)} s apart`;
  return `${Math.round(abs / 60_000)} min apart`;
}

export function pairFindings(pair: PairDraft, ctx: FindingContext): Finding[] {
  // One list per level, joined worst first at the end: the order of detection within a level.
  const byLevel: Record<Verdict, Finding[]> = { broken: [], attention: [], ok: [] };
  const add = (code: FindingCode, level: Verdict, reason: string, detail: string) => { byLevel[level].push({ code, level, reason, detail }); };
  const done = () => byLevel.broken.concat(byLevel.attention, byLevel.ok);
  const { rules: r, now } = ctx;
  const { pixel, server, event, eventId } = pair;
  const P = r.name;

  let renamed: string[] = [];
  if (r.namedEvents) {
    const otherSide = pixel && !server ? ctx.names.server : server && !pixel ? ctx.names.pixel : new Set<string>();
    renamed = [...otherSide].filter((name) => name !== event && r.sameAction(name, event));
    if (renamed.length) {
      const [p, s] = pixel ? [event, renamed.join(', ')] : [renamed.join(', '), event];
      add('name_mismatch', 'broken', `The browser sent ${p} and the server sent ${s} for the same action, so ${P} counts it twice.`,
        `The pixel sent ${p} and the server sent ${s} with event_id ${eventId}: ${P} will not deduplicate different names`);
    }
    const all = [...new Set([...ctx.names.pixel, ...ctx.names.server])];
    const unrelated = all.filter((name) => name !== event && !r.sameAction(name, event));
    if (unrelated.length) {
      add('duplicate_event_id', 'broken', `This event id is also used for ${unrelated.join(', ')}: ${P} may keep only one of these actions.`,
        `event_id ${eventId} is also used for ${unrelated.join(', ')}: one event_id per user action`);
    }
    const standard = r.standardSpelling(event);
    if (standard) {
      add('event_name_case', 'broken', `${P} reads "${event}" as a custom event, so it will not count as ${standard}.`,
        `${event} is a custom event to ${P} (names are case-sensitive); the standard name is ${standard}`);
    }
  }

  if (pixel && server && pixel.status === 'sent') {
    const gap = pair.gapMs === null ? '' : ` ${gapWords(pair.gapMs)}`;
    const merged = pair.withinMergeWindow ? `${P} merges them and counts the action once` : `${P} counts the action once`;
    add('paired', 'ok', `Both copies arrived${gap}; ${merged}.`, `paired by ${r.pairedBy}`);
  }
  if (pixel && !server && !renamed.length) {
    if (pixel.status === 'sent' && r.browserOnly?.includes(event)) {
      add('browser_only', 'ok', `Browser only, as usual for ${event}: ${P} counts it from the ${r.pixelName}. A server copy with the same event id is optional (it would keep shoppers who block the pixel).`,
        `${event} has no server copy; ${P} needs none (send one with event_id ${eventId} to pair it)`);
    } else if (pixel.status === 'sent') {
      const waited = now - pixel.firstAt;
      if (waited < TWIN_WAIT_MS) {
        add('server_pending', 'attention', `Waiting for the server copy: the browser copy arrived ${Math.max(0, Math.round(waited / 1000))} s ago.`,
          `No server copy accepted yet for this pixel event; it counts as missing after ${TWIN_WAIT_MS / 1000} s`);
      } else {
        add('server_missing', 'broken', `Only the browser copy arrived. Shoppers who block the ${r.pixelName} are lost, and ${P} gets fewer match keys.`,
          'No server copy was accepted for this pixel event');
      }
    }
  }
  if (server && !pixel && !renamed.length) {
    if (ctx.byConsent) {
      const state = ctx.byConsent === 'held' ? "the pixel was held until the shopper's consent choice" : 'the shopper refused consent, so the pixel stayed silent';
      add('pixel_not_sent', 'ok', `Not sent by the browser, by consent: ${state}. The server copy carries what consent allows.`,
        `pixel silent by consent, as expected: ${ctx.byConsentSource ?? 'consent withheld'}`);
    } else {
      const waited = now - server.firstAt;
      if (waited < TWIN_WAIT_MS) {
        add('pixel_pending', 'attention', `Waiting for the browser copy: the server copy arrived ${Math.max(0, Math.round(waited / 1000))} s ago.`,
          `No pixel copy recorded yet for this server event; it counts as missing after ${TWIN_WAIT_MS / 1000} s`);
      } else {
        add('pixel_missing', 'attention', `Only the server copy arrived. That is normal when the shopper blocks trackers; if every event looks like this, check the ${r.pixelName} on this page.`,
          'No pixel copy was recorded for this server event');
      }
    }
  }
  if (pixel && pixel.status !== 'sent') {
    const what = pixel.status === 'held' ? "the pixel held it while waiting for the shopper's consent choice" : 'the shopper refused consent, so the pixel dropped it';
    add('pixel_not_sent', 'ok', `Not sent by the browser, by consent: ${what}.`, `The pixel copy was ${pixel.status} by consent (${pixel.consent})`);
  }
  if (pixel && pixel.sent > 1) {
    add('pixel_sent_twice', 'ok', `The browser sent it ${pixel.sent} times (a reload); ${P} keeps one.`, `The pixel sent this event ${pixel.sent} times (${P} keeps the first within 48 h)`);
  }
  if (pair.withinMergeWindow === false && r.mergeWindowMs !== null && pair.gapMs !== null) {
    add('outside_merge_window', 'attention', `The copies arrived ${gapWords(pair.gapMs)}: ${P} counts one, but cannot combine their match keys (only within ${r.mergeWindowMs / 60_000} min).`,
      `gap ${Math.round(pair.gapMs / 1000)} s exceeds the ${r.mergeWindowMs / 1000} s merge window; the later copy is dropped, not merged`);
  }
  if (!server) return done();

  // A pixel that itself saw the refusal and still sent (Google's tag in Consent Mode: a ping
  // without ad data) is working as designed; only a pixel that did not know is a mismatch.
  if (pixel && pixel.status === 'sent' && server.consent.adUserData === 'denied' && pixel.consent !== 'revoked') {
    add('consent_mismatch', 'attention', 'The browser sent this event although the server copy says the shopper refused ad data.',
      `pixel copy sent with consent "${pixel.consent}" while the server copy declares ad_user_data DENIED`);
  }
  if (server.count > 1) {
    add('server_sent_twice', 'attention', `The server sent it ${server.count} times; ${P} keeps one, but the backend repeats itself.`,
      `The server copy was accepted ${server.count} times (${P} keeps the first within 48 h)`);
  }
  for (const spec of r.serverKeys) {
    if (spec.required && !server.matchKeys[spec.key]) {
      add(spec.required, 'attention', `The server copy has no ${spec.label}, so ${P} can match it to fewer people.`, `The server copy has no ${spec.key}`);
    }
  }
  const strong = r.serverKeys.filter((s) => s.kind === 'strong');
  const sentStrong = strong.filter((s) => server.matchKeys[s.key]);
  const others = r.serverKeys.filter((s) => s.kind !== 'strong' && server.matchKeys[s.key]);
  const matchedBy = others.length ? `matched by ${listOf(others)}` : 'with nothing else to match it by';
  // Refused: declared on the server copy, or shown by the browser (a dropped pixel copy, a pixel
  // that recorded the refusal, the page's consent trail).
  const declaredRefusal = server.consent.adUserData === 'denied';
  const refused = declaredRefusal || ctx.byConsent === 'refused' || pixel?.status === 'dropped' || pixel?.consent === 'revoked';
  if (declaredRefusal && sentStrong.length) {
    add('user_data_despite_refusal', 'broken', `The server copy carries ${listOf(sentStrong)} although the shopper refused ad data.`,
      `ad_user_data is DENIED but the server copy has ${sentStrong.map((s) => s.key).join(', ')}`);
  } else if (refused) {
    if (!sentStrong.length) {
      add('anonymous_by_consent', 'ok', `No email or phone, by consent: the shopper refused ad data; ${matchedBy}.`,
        `ad_user_data refused: no ${strong.map((s) => s.key).join(', ')} sent (correct)`);
    }
  } else if (!sentStrong.length) {
    if (r.expectsIdentity(event)) {
      add('no_strong_key', 'attention', `No ${listOf(strong)} on ${event}, where the shopper has usually said who they are; ${matchedBy}.`,
        `The server copy has no hashed ${strong.map((s) => s.key).join(', ')}`);
    } else {
      add('anonymous_upper_funnel', 'ok', `Anonymous, as expected for ${event}: ${matchedBy}.`,
        `no ${strong.map((s) => s.key).join(', ')} on an upper-funnel event (not expected)`);
    }
  }
  const age = server.firstAt - server.eventTime * 1000;
  if (r.staleAfterMs !== null && age > r.staleAfterMs) {
    add('stale_event_time', 'attention', `The event happened ${Math.round(age / 86_400_000)} days before it was sent: ${P} may not attribute it.`,
      `event_time is ${Math.round(age / 86_400_000)} days older than its arrival (${r.staleText})`);
  }
  if (-age > FUTURE_SKEW_MS) {
    add('future_event_time', 'attention', "The event's time is in the future: the server clock or the time unit is wrong.",
      `event_time is ${Math.round(-age / 1000)} s in the future at arrival`);
  }
  return done();
}
