/**
 * A base-code snippet equivalent to TikTok's (reference §7): `TiktokAnalyticsObject`, the
 * `ttq` array queue with stub methods, `ttq.instance`, and `ttq.load(id, options)` recording
 * `_i/_t/_o` and injecting the script — here the stand-in's script instead of
 * `https://analytics.tiktok.com/i18n/pixel/events.js`. For tests and demo pages.
 */
export interface BaseCodeOptions {
  /** Where events.js is loaded from, e.g. `emulator.pixelScriptUrl`. */
  scriptUrl: string;
  /** The second `ttq.load` argument, e.g. `{ historyObserver: false }`. */
  loadOptions?: Record<string, unknown>;
  /** Call `ttq.page()` after load, as TikTok's snippet does (default true). */
  page?: boolean;
}

export function tiktokBaseCode(pixelId: string, options: BaseCodeOptions): string {
  const load = options.loadOptions ? `ttq.load(${JSON.stringify(pixelId)}, ${JSON.stringify(options.loadOptions)});` : `ttq.load(${JSON.stringify(pixelId)});`;
  return `(function (w, d, t) {
  w.TiktokAnalyticsObject = t;
  var ttq = w[t] = w[t] || [];
  ttq.methods = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group',
    'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent'];
  ttq.setAndDefer = function (target, method) {
    target[method] = function () { target.push([method].concat(Array.prototype.slice.call(arguments, 0))); };
  };
  for (var i = 0; i < ttq.methods.length; i++) ttq.setAndDefer(ttq, ttq.methods[i]);
  ttq.instance = function (id) {
    var queue = ttq._i[id] || [];
    for (var n = 0; n < ttq.methods.length; n++) ttq.setAndDefer(queue, ttq.methods[n]);
    return queue;
  };
  ttq.load = function (id, opts) {
    var src = ${JSON.stringify(options.scriptUrl)};
    ttq._i = ttq._i || {}; ttq._i[id] = []; ttq._i[id]._u = src;
    ttq._t = ttq._t || {}; ttq._t[id] = +new Date();
    ttq._o = ttq._o || {}; ttq._o[id] = opts || {};
    var script = d.createElement('script');
    script.type = 'text/javascript'; script.async = true;
    script.src = src + (src.indexOf('?') < 0 ? '?' : '&') + 'sdkid=' + encodeURIComponent(id) + '&lib=' + t;
    var first = d.getElementsByTagName('script')[0];
    if (first && first.parentNode) first.parentNode.insertBefore(script, first); else d.head.appendChild(script);
  };
  ${load}
  ${options.page === false ? '' : 'ttq.page();'}
})(window, document, 'ttq');`;
}
