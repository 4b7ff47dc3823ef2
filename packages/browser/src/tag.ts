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
import { safe } from './log.js';
import { platformsFromTag } from './platforms/from-tag.js';

const w = window as any;
const queued = w.pixelpair;

if (!queued || queued.push === [].push) {
  // the adapters are not exposed: `data-consent` starts them (the npm build exports listenTcf / listenConsentMode)
  const api: Record<string, any> = { track, page, consent, identify, context, withContext, addContextFields, beacon };
  const run = safe((entry: any) => (entry.call ? entry(api) : api[entry[0]](...entry.slice(1))));
  api.push = (...entries: unknown[]) => entries.forEach(run);
  const tag = document.currentScript || document.querySelector('script[data-pixel-id]');
  const data = tag ? (tag as HTMLElement).dataset : {};
  init({ ...data, platforms: platformsFromTag(data) });
  w.pixelpair = api;
  if (queued) api.push(...queued);
}
