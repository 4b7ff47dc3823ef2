/**
 * A Google tag snippet equivalent to Google's (the `dataLayer` queue, `gtag()` pushing
 * `arguments`, `js` and `config`), loading the stand-in's stub instead of
 * `https://www.googletagmanager.com/gtag/js`. For tests and demo pages.
 */
export interface GoogleTagSnippetOptions {
  /** Where the stub is loaded from, e.g. `emulator.google.gtagScriptUrl`. */
  scriptUrl: string;
  /** A `gtag('consent', 'default', …)` issued before `js` and `config`. */
  consentDefault?: Record<string, unknown>;
  /** The third `config` argument. */
  config?: Record<string, unknown>;
}

export function googleTagSnippet(tagId: string, options: GoogleTagSnippetOptions): string {
  const src = `${options.scriptUrl}${options.scriptUrl.includes('?') ? '&' : '?'}id=${encodeURIComponent(tagId)}`;
  const consent = options.consentDefault ? `gtag('consent', 'default', ${JSON.stringify(options.consentDefault)});` : '';
  const config = options.config ? `gtag('config', ${JSON.stringify(tagId)}, ${JSON.stringify(options.config)});` : `gtag('config', ${JSON.stringify(tagId)});`;
  return `(function (w, d) {
  w.dataLayer = w.dataLayer || [];
  w.gtag = function gtag() { w.dataLayer.push(arguments); };
  var gtag = w.gtag;
  ${consent}
  gtag('js', new Date());
  ${config}
  var script = d.createElement('script');
  script.async = true;
  script.src = ${JSON.stringify(src)};
  var first = d.getElementsByTagName('script')[0];
  if (first && first.parentNode) first.parentNode.insertBefore(script, first); else d.head.appendChild(script);
})(window, document);`;
}
