/**
 * Match quality per event name: which match keys arrive on the server copies, how often, and
 * what that means in plain words. Counted over the pairs in view (one server copy per pair:
 * the first accepted, the one the platform keeps).
 */
import { DESTINATION_RULES, type KeyKind } from './destinations.js';
import type { Destination } from './pair-copies.js';
import type { Pair } from './pairing.js';

export interface KeyShare {
  key: string;
  label: string;
  kind: KeyKind;
  /** Server copies carrying the key. */
  count: number;
}

export type MatchLevel = 'identified' | 'partly_identified' | 'anonymous' | 'thin' | 'no_server_copies';

export interface EventMatchQuality {
  destination: Destination;
  event: string;
  serverCopies: number;
  /** Pairs whose browser copy was sent. */
  browserCopies: number;
  keys: KeyShare[];
  /** Server copies whose ad_user_data was refused (no email or phone may be sent). */
  withheldByConsent: number;
  level: MatchLevel;
  /** The level in words. */
  levelText: string;
  /** Which keys arrive, how often, and why some don't. */
  text: string;
}

const list = (shares: readonly KeyShare[]) => shares.map((s) => s.label).join(', ');

function describe(q: Omit<EventMatchQuality, 'level' | 'levelText' | 'text'>, expectsIdentity: boolean, required: readonly string[]): Pick<EventMatchQuality, 'level' | 'levelText' | 'text'> {
  const n = q.serverCopies;
  if (!n) return { level: 'no_server_copies', levelText: 'No server copies', text: 'No server copy arrived for this event, so there is nothing to match.' };
  const every = q.keys.filter((k) => k.count === n);
  const some = q.keys.filter((k) => k.count > 0 && k.count < n);
  const none = q.keys.filter((k) => k.count === 0);
  const byConsent = q.withheldByConsent === n;
  const parts: string[] = [];
  const copies = n === 1 ? 'The server copy has' : `All ${n} server copies have`;
  if (every.length) parts.push(`${copies} ${list(every)}.`);
  if (some.length) parts.push(`Some have ${some.map((k) => `${k.label} (${k.count} of ${n})`).join(', ')}.`);
  const noneStrong = none.filter((k) => k.kind === 'strong');
  const noneOther = none.filter((k) => k.kind !== 'strong');
  const subject = n === 1 ? 'It has no' : 'None has';
  if (noneStrong.length) {
    const why = byConsent ? 'withheld, because the shopper refused ad data' : expectsIdentity ? 'add them where the shopper has given them' : 'normal before the shopper says who they are';
    parts.push(`${subject} ${list(noneStrong)}: ${why}.`);
  }
  if (noneOther.length) {
    const cookieOnly = noneOther.every((k) => k.kind === 'browser');
    const why = cookieOnly && q.withheldByConsent ? ': the cookie is not set without consent' : '';
    parts.push(`${subject} ${list(noneOther)}${why}.`);
  }
  const strong = q.keys.filter((k) => k.kind === 'strong');
  const thin = q.keys.some((k) => required.includes(k.key) && k.count < n);
  if (thin) return { level: 'thin', levelText: 'Thin: IP address or user agent missing', text: parts.join(' ') };
  if (strong.some((k) => k.count === n)) return { level: 'identified', levelText: 'Identified on every copy', text: parts.join(' ') };
  if (strong.some((k) => k.count > 0)) return { level: 'partly_identified', levelText: 'Identified on some copies', text: parts.join(' ') };
  const levelText = byConsent ? 'Anonymous, by consent' : expectsIdentity ? 'Anonymous: no email or phone' : 'Anonymous, as expected';
  return { level: 'anonymous', levelText, text: parts.join(' ') };
}

export function matchQuality(pairs: readonly Pair[]): EventMatchQuality[] {
  const byEvent = new Map<string, Pair[]>();
  for (const p of pairs) {
    const key = `${p.destination}\u0000${p.event}`;
    const list = byEvent.get(key);
    if (list) list.push(p); else byEvent.set(key, [p]);
  }
  const out: EventMatchQuality[] = [];
  for (const group of byEvent.values()) {
    const { destination, event } = group[0]!;
    const rules = DESTINATION_RULES[destination];
    const servers = group.flatMap((p) => (p.server ? [p.server] : []));
    const base = {
      destination, event,
      serverCopies: servers.length,
      browserCopies: group.filter((p) => p.pixel?.status === 'sent').length,
      keys: rules.serverKeys.map((s) => ({ key: s.key, label: s.label, kind: s.kind, count: servers.filter((sv) => sv.matchKeys[s.key]).length })),
      withheldByConsent: servers.filter((sv) => sv.consent.adUserData === 'denied').length,
    };
    const required = rules.serverKeys.filter((s) => s.required).map((s) => s.key);
    out.push({ ...base, ...describe(base, rules.expectsIdentity(event), required) });
  }
  // Destinations in the page's order (TikTok, Meta, Google), events by name within each.
  const order = Object.keys(DESTINATION_RULES);
  return out.sort((a, b) => order.indexOf(a.destination) - order.indexOf(b.destination) || a.event.localeCompare(b.event));
}
