/**
 * Script-tag entry (`pixelpair.min.js`): starts from the tag's data attributes, then
 * replays the pre-load queue (`window.pixelpair = window.pixelpair || []`) in order and
 * replaces it with the API. Queue entries are `[name, ...args]`, or a function called
 * with the API once loaded (the way to use track's returned id before load).
 */
import { init } from './init.js';
import { track, identify } from './track.js';
import { page } from './page.js';
import { consent } from './consent.js';
import { context } from './context.js';
import { withContext, addContextFields, beacon } from './handoff.js';
import { attempt, safe } from './log.js';
import { platformsFromTag } from './platforms/from-tag.js';

const w = window as any;
// the whole top level is one guard: a window.pixelpair that throws when read or written
// (a getter, a hostile Proxy) must not reach the page as an error from this file
attempt(() => {
  let queued: any;
  try {
    // the pre-load stub (an array) or nothing: start; a second copy of the tag finds the API and stays out
    if ((queued = w.pixelpair) && queued.push !== [].push) return;
  } catch {
    // a value that throws when read is not a queue: start without it
    queued = 0;
  }
  // the adapters are not exposed: `data-consent` starts them (the npm build exports listenTcf / listenConsentMode)
  const api: Record<string, any> = { track, page, consent, identify, context, withContext, addContextFields, beacon };
  const run = safe((entry: any) => (entry.call ? entry(api) : api[entry[0]](...entry.slice(1))));
  // index loops, not forEach or spread: a page can replace Array.prototype methods
  api.push = function () {
    for (let i = 0; i < arguments.length; i++) run(arguments[i]);
  };
  const tag = document.currentScript || document.querySelector('script[data-pixel-id]');
  const data = tag ? (tag as HTMLElement).dataset : {};
  init({ ...data, platforms: platformsFromTag(data) });
  attempt(() => (w.pixelpair = api));
  for (let i = 0; queued && i < queued.length; i++) run(queued[i]);
});
