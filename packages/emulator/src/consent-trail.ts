/**
 * Why a server copy has no browser copy, when consent explains it. pixelpair never hands a
 * held or refused event to the pixel at all (it queues it in the page), so the pixel stub
 * sees no track call; what it does see is the page's consent calls. Two kinds of evidence,
 * strongest first:
 * 1. the server copy itself declares ad_user_data denied (in pixelpair's model ad_user_data
 *    gates the pixel, so the pixel must stay silent);
 * 2. the page the server copy names (TikTok `page.url`, Meta `event_source_url`) recorded a
 *    consent trail ending in "held" or "revoked", on the page load closest in time.
 */
import type { BrowserConsent, ServerCopy } from './pair-copies.js';

export interface ConsentFinding {
  state: 'held' | 'refused';
  /** In words, for the finding's detail. */
  source: string;
}

export interface ConsentTrail {
  explain(server: ServerCopy): ConsentFinding | null;
}

const SEP = '\u0000';

/** One page load's consent trail: when it started and where it ended. */
interface PageTrail { firstAt: number; last: BrowserConsent }

/** The page load whose trail started closest to `at` (binary search over loads sorted by start). */
function nearest(loads: readonly PageTrail[] | undefined, at: number): PageTrail | null {
  if (!loads?.length) return null;
  let lo = 0;
  let hi = loads.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (loads[mid]!.firstAt < at) lo = mid + 1; else hi = mid;
  }
  const after = loads[lo]!;
  const before = lo > 0 ? loads[lo - 1]! : null;
  return before && at - before.firstAt <= after.firstAt - at ? before : after;
}

export function consentTrail(records: readonly BrowserConsent[]): ConsentTrail {
  // destination + account ('' for calls on every pixel) + page URL → its page loads, sorted by start.
  const pages = new Map<string, Map<string, PageTrail>>();
  for (const r of records) {
    const key = r.destination + SEP + (r.account ?? '') + SEP + r.pageUrl;
    let loads = pages.get(key);
    if (!loads) pages.set(key, (loads = new Map()));
    const load = loads.get(r.page);
    if (!load) loads.set(r.page, { firstAt: r.at, last: r });
    else {
      if (r.at < load.firstAt) load.firstAt = r.at;
      if (r.step >= load.last.step) load.last = r;
    }
  }
  const index = new Map<string, PageTrail[]>();
  for (const [key, loads] of pages) index.set(key, [...loads.values()].sort((a, b) => a.firstAt - b.firstAt));

  const pageState = (server: ServerCopy): BrowserConsent | null => {
    if (!server.pageUrl) return null;
    const find = (account: string) => nearest(index.get(server.destination + SEP + account + SEP + server.pageUrl), server.at);
    const global = find('');
    const own = find(server.account);
    if (!global || !own) return (global ?? own)?.last ?? null;
    return Math.abs(own.firstAt - server.at) <= Math.abs(global.firstAt - server.at) ? own.last : global.last;
  };

  return {
    explain(server) {
      const page = pageState(server);
      const pageWords = page && page.state !== 'granted' ? ` and the page recorded ${page.state === 'held' ? 'a consent hold with no choice' : 'a consent refusal'}` : '';
      if (server.consent.adUserData === 'denied') return { state: 'refused', source: `the server copy declares ad_user_data denied${pageWords}` };
      if (!page || page.state === 'granted') return null;
      return page.state === 'held'
        ? { state: 'held', source: "the page recorded a consent hold and no choice: the shopper hasn't answered the banner" }
        : { state: 'refused', source: 'the page recorded a consent refusal' };
    },
  };
}
