/**
 * Google Consent Mode v2 adapter: reads `gtag('consent', 'default' | 'update', {...})`
 * entries already in `window.dataLayer`, then wraps `dataLayer.push` to see later ones
 * (GTM's own wrapper chains to the previous push, so both keep working).
 * - ad_user_data → adUserData, ad_personalization → adPersonalization; when a v2 signal is
 *   missing, ad_storage (Consent Mode v1) stands in for it. ad_storage → adStorage (writing
 *   click-id cookies); without it, the update's ad_user_data decides.
 * - 'update' is the visitor's decision. A 'default' is not: a granted default counts only
 *   when it is not region-scoped (we cannot know the visitor's region) and no default
 *   denied that signal; denied defaults leave it undecided, so the Pixel stays held.
 */
import { consent, type ConsentInput } from './consent.js';
import { safe } from './log.js';

type Signals = Record<string, unknown>;

export function fromConsentMode(command: unknown, signals: Signals, deniedByDefault: Signals): ConsentInput {
  const read = (key: string): any => {
    const value = key in signals ? signals[key] : signals.ad_storage;
    if (command === 'update') return value;
    if (value === 'denied') deniedByDefault[key] = 1;
    return signals.region || deniedByDefault[key] ? undefined : value;
  };
  return { adUserData: read('ad_user_data'), adPersonalization: read('ad_personalization'), adStorage: read('ad_storage'), cmp: { name: 'consent-mode', version: '2' } };
}

/** Starts following Consent Mode through `window.dataLayer` (created when absent). */
export const listenConsentMode: () => boolean = /* @__PURE__ */ safe(() => {
  const w = window as any;
  const layer = (w.dataLayer = w.dataLayer || []);
  const push = layer.push;
  const deniedByDefault: Signals = {};
  // entries are arrays or gtag's `arguments`; a null entry throws inside the guard and is skipped
  const read = safe((entry: any) => {
    if (entry[0] === 'consent' && entry[2]) consent(fromConsentMode(entry[1], entry[2], deniedByDefault));
  });
  layer.map(read);
  layer.push = function () {
    const result = push.apply(this, arguments);
    [].map.call(arguments, read);
    return result;
  };
  return true;
}, () => false);
