/**
 * Page views: `page()` re-reads the click id (an SPA route can carry one) and sends
 * `ttq.page()`. `watchRoutes` gives single-page apps one page view per real route change.
 */
import { captureTtclid } from './ttclid.js';
import { send } from './pixel.js';
import { state } from './state.js';
import { safe } from './log.js';

export const page: () => void = /* @__PURE__ */ safe(() => {
  captureTtclid();
  send('page');
}, () => send('page'));

/** What makes a route: path and query. Hash-only changes and same-URL pushes are not page views. */
const route = () => location.pathname + location.search;

/**
 * Patches history.pushState / replaceState and listens to popstate. Changes in the same
 * tick (a router's push then replace) collapse into one page view, sent once the URL settled.
 */
export function watchRoutes(): void {
  let last = route();
  let lastUrl = location.href;
  let pending = 0;
  const check = () => {
    pending = 0;
    if (route() !== last) {
      last = route();
      state._referrer = lastUrl;
      lastUrl = location.href;
      page();
    }
  };
  const schedule = () => {
    pending = pending || setTimeout(check);
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      schedule();
    };
  }
  addEventListener('popstate', schedule);
}
