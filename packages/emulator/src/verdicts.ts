/**
 * One verdict per pair (the worst of its findings, with that finding's words), each side's
 * state in a word, and the report's summary with a headline a marketer can act on.
 */
import type { Finding, PairDraft, Verdict } from './pair-warnings.js';
import type { Pair } from './pairing.js';

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = { ok: 'OK', attention: 'Needs attention', broken: 'Broken' };

export interface SideState {
  /** pixel: sent | not_sent_by_consent | pending | missing; server: accepted | pending | missing. */
  state: 'sent' | 'not_sent_by_consent' | 'accepted' | 'pending' | 'missing';
  text: string;
}

export interface PairsSummary {
  pairs: number;
  /** Both copies present. */
  paired: number;
  serverOnly: number;
  pixelOnly: number;
  /** Pairs with nothing that needs action (the OK verdict). */
  clean: number;
  ok: number;
  attention: number;
  broken: number;
  /** Pairs whose browser copy was held or refused by consent, or never made for that reason. */
  notSentByConsent: number;
  /** Of the server-only pairs, those that consent explains. */
  serverOnlyByConsent: number;
  /** One sentence for the top of the page. */
  headline: string;
  /** Counts of the codes that need action. */
  warnings: Record<string, number>;
  /** Counts of every code, including states correct by design. */
  findings: Record<string, number>;
}

export function verdictOf(findings: readonly Finding[]): { verdict: Verdict; code: Finding['code']; reason: string } {
  const top = findings[0];
  return top ? { verdict: top.level, code: top.code, reason: top.reason } : { verdict: 'ok', code: 'paired', reason: 'Both copies arrived.' };
}

const times = (n: number) => (n > 1 ? ` ×${n}` : '');

export function sideStates(pair: PairDraft, findings: readonly Finding[]): { pixelState: SideState; serverState: SideState } {
  const has = (code: Finding['code']) => findings.some((f) => f.code === code);
  const { pixel, server } = pair;
  let pixelState: SideState;
  if (pixel?.status === 'sent') pixelState = { state: 'sent', text: `Sent${pixel.cookieless ? ' without cookies (ad storage refused)' : ''}${times(pixel.sent)}` };
  else if (pixel) pixelState = { state: 'not_sent_by_consent', text: pixel.status === 'held' ? 'Not sent, by consent (held)' : 'Not sent, by consent (refused)' };
  else if (has('pixel_not_sent')) pixelState = { state: 'not_sent_by_consent', text: 'Not sent, by consent' };
  else if (has('pixel_pending')) pixelState = { state: 'pending', text: 'Waiting for the browser copy' };
  else pixelState = { state: 'missing', text: has('name_mismatch') ? 'None under this name' : 'No browser copy' };
  let serverState: SideState;
  if (server) serverState = { state: 'accepted', text: `Accepted${times(server.count)}` };
  else if (has('server_pending')) serverState = { state: 'pending', text: 'Waiting for the server copy' };
  else if (has('browser_only')) serverState = { state: 'missing', text: 'None needed' };
  else serverState = { state: 'missing', text: has('name_mismatch') ? 'None under this name' : 'No server copy' };
  return { pixelState, serverState };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function headline(s: Omit<PairsSummary, 'headline'>, testEventCode: string | null, platform: string): string {
  if (!s.pairs) {
    return testEventCode === null
      ? 'No events yet. Each action in the shop appears here as soon as one of its copies arrives.'
      : `No events with test event code ${testEventCode} yet.`;
  }
  const scope = testEventCode === null ? '' : ` with test code ${testEventCode}`;
  const of = `of ${plural(s.pairs, 'event', 'events')}${scope}`;
  if (s.broken) {
    const more = s.attention ? ` ${s.attention} more ${s.attention === 1 ? 'needs' : 'need'} attention.` : '';
    return `${s.broken} ${of} ${s.broken === 1 ? 'is' : 'are'} broken: ${platform} will count ${s.broken === 1 ? 'it' : 'them'} wrongly or lose ${s.broken === 1 ? 'it' : 'them'}. Start with the red rows.${more}`;
  }
  if (s.attention) return `Every event is counted correctly; ${s.attention} ${of} ${s.attention === 1 ? 'needs' : 'need'} attention.`;
  const consent = s.notSentByConsent ? `: ${s.notSentByConsent} not sent by the browser, by consent` : '';
  return s.pairs === 1 ? `The event${scope} is correct${consent}.` : `All ${s.pairs} events${scope} are correct${consent}.`;
}

/** `platform` names who miscounts in the headline ('TikTok', or 'the platform' when several destinations are in view). */
export function summarise(pairs: readonly Pair[], testEventCode: string | null, platform: string): PairsSummary {
  const s: Omit<PairsSummary, 'headline'> = {
    pairs: pairs.length, paired: 0, serverOnly: 0, pixelOnly: 0, clean: 0, ok: 0, attention: 0, broken: 0, notSentByConsent: 0, serverOnlyByConsent: 0, warnings: {}, findings: {},
  };
  for (const pair of pairs) {
    if (pair.pixel && pair.server) s.paired++;
    else if (pair.server) s.serverOnly++;
    else s.pixelOnly++;
    s[pair.verdict]++;
    if (pair.verdict === 'ok') s.clean++;
    if (pair.pixelState.state === 'not_sent_by_consent') {
      s.notSentByConsent++;
      if (!pair.pixel) s.serverOnlyByConsent++;
    }
    for (const f of pair.findings) {
      s.findings[f.code] = (s.findings[f.code] ?? 0) + 1;
      if (f.level !== 'ok') s.warnings[f.code] = (s.warnings[f.code] ?? 0) + 1;
    }
  }
  return { ...s, headline: headline(s, testEventCode, platform) };
}
