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

export function consentTrail(records: readonly BrowserConsent[]): ConsentTrail {
  // destination + page URL → page load → its consent calls in arrival order
  const byUrl = new Map<string, Map<string, BrowserConsent[]>>();
  for (const r of records) {
    const urlKey = r.destination + SEP + r.pageUrl;
    let pages = byUrl.get(urlKey);
    if (!pages) byUrl.set(urlKey, (pages = new Map()));
    const calls = pages.get(r.page);
    if (calls) calls.push(r); else pages.set(r.page, [r]);
  }

  const pageState = (server: ServerCopy): BrowserConsent | null => {
    if (!server.pageUrl) return null;
    const pages = byUrl.get(server.destination + SEP + server.pageUrl);
    if (!pages) return null;
    let best: BrowserConsent[] | null = null;
    let bestGap = Infinity;
    for (const calls of pages.values()) {
      const relevant = calls.filter((c) => c.account === null || c.account === server.account);
      if (!relevant.length) continue;
      const gap = Math.abs(relevant[0]!.at - server.at);
      if (gap < bestGap) { best = relevant; bestGap = gap; }
    }
    return best ? best[best.length - 1]! : null;
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
