/**
 * The pixel stub served at `/pixel/events.js` in place of TikTok's `events.js`. It takes over
 * the `ttq` queue TikTok's base code built (replaying queued calls, then replacing the
 * methods), and reports every call to the stand-in's `/pixel/collect`. It also behaves like
 * the real pixel where tests need to see it: consent hold/grant/revoke, the SPA history
 * observer (unless loaded with `{ historyObserver: false }`) and the first-party `_ttp`
 * cookie. Plain ES5 so it runs in any browser; identity values never leave the page.
 */
import { STUB_SOURCE } from './stub-source.js';

export function pixelScript(collectUrl: string): string {
  return `/*! pixelpair emulator: TikTok pixel stub (not TikTok's code) */\n(${STUB_SOURCE})(window, document, ${JSON.stringify(collectUrl)});\n`;
}
