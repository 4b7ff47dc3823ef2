/**
 * Page views: `page()` re-reads the click id (an SPA route can carry one) and sends
 * `ttq.page()` and the platforms' page views. `watchRoutes` gives single-page apps one
 * page view per real route change.
 */
import { captureTtclid } from './ttclid.js';
import { send } from './pixel.js';
import { state } from './state.js';
import { resolveEventId } from './id.js';
import { platformsPage } from './platforms/platform.js';
import type { TrackOptions } from './track.js';

/**
 * captureTtclid and send are both guarded, so a failed capture still sends the page view.
 * `ttq.page()` takes no id; the other platforms' page views (Meta's `PageView`) share the
 * returned one, which a server copy of the page view can reuse.
 */
export const page = (options?: TrackOptions): string => {
  captureTtclid();
  send('page');
  const id = resolveEventId(options?.eventId);
  platformsPage(id);
  return id;
};

/**
 * Patches history.pushState / replaceState and listens to popstate. A route is the URL
 * without its hash: hash-only changes and same-URL pushes are not page views. Changes in
 * the same tick (a router's push then replace) collapse into one page view, sent once the
 * URL settled; the previous route's URL becomes the context's referrer.
 */
export function watchRoutes(): void {
  let last = location.href;
  let pending = 0;
  const route = (href: string) => href.split('#')[0];
  const check = () => {
    pending = 0;
    if (route(location.href) !== route(last)) {
      state._referrer = last;
      last = location.href;
      page();
    }
  };
  const schedule = () => {
    pending = pending || setTimeout(check);
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (this: History) {
      original.apply(this, arguments as any);
      schedule();
    };
  }
  addEventListener('popstate', schedule);
}
