/**
 * A base-code snippet equivalent to Meta's (reference A7): a `fbq` function that queues calls
 * until the script sets `fbq.callMethod`, `_fbq`, the async script tag, then consent and
 * Limited Data Use before `init` (as Meta asks), `init` and the `PageView`. The script is the
 * stand-in's stub instead of `https://connect.facebook.net/en_US/fbevents.js`.
 */
export interface MetaBaseCodeOptions {
  /** Where fbevents.js is loaded from, e.g. `emulator.meta.pixelScriptUrl`. */
  scriptUrl: string;
  /** Advanced-matching data, the 3rd `init` argument. */
  advancedMatching?: Record<string, string>;
  /** `fbq('consent', …)` before init. */
  consent?: 'revoke' | 'grant';
  /** `fbq('dataProcessingOptions', options, country, state)` before init. */
  dataProcessingOptions?: { options: [] | ['LDU']; country?: number; state?: number };
  /** Fire `fbq('track', 'PageView')` after init (default true); a string is its eventID. */
  pageView?: boolean | string;
}

export function metaBaseCode(pixelId: string, options: MetaBaseCodeOptions): string {
  const lines: string[] = [];
  if (options.consent) lines.push(`fbq('consent', ${JSON.stringify(options.consent)});`);
  const dpo = options.dataProcessingOptions;
  if (dpo) {
    const args = [JSON.stringify(dpo.options), ...(dpo.country === undefined ? [] : [String(dpo.country), String(dpo.state ?? 0)])];
    lines.push(`fbq('dataProcessingOptions', ${args.join(', ')});`);
  }
  lines.push(options.advancedMatching
    ? `fbq('init', ${JSON.stringify(pixelId)}, ${JSON.stringify(options.advancedMatching)});`
    : `fbq('init', ${JSON.stringify(pixelId)});`);
  const pageView = options.pageView ?? true;
  if (pageView === true) lines.push(`fbq('track', 'PageView');`);
  else if (typeof pageView === 'string') lines.push(`fbq('track', 'PageView', {}, { eventID: ${JSON.stringify(pageView)} });`);
  return `(function (w, d, src) {
  if (w.fbq) return;
  var q = function () { if (q.callMethod) q.callMethod.apply(q, arguments); else q.queue.push(arguments); };
  q.push = q; q.loaded = true; q.version = '2.0'; q.queue = [];
  w.fbq = q;
  if (!w._fbq) w._fbq = q;
  var script = d.createElement('script');
  script.async = true;
  script.src = src;
  var first = d.getElementsByTagName('script')[0];
  if (first && first.parentNode) first.parentNode.insertBefore(script, first); else d.head.appendChild(script);
})(window, document, ${JSON.stringify(options.scriptUrl)});
${lines.join('\n')}`;
}
