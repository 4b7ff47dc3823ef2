/**
 * What we publish: the built script-tag file, loaded into a fresh happy-dom window the
 * way a page loads it, defines window.pixelpair and replays the pre-load queue in order.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';

// a string URL: the test environment's global URL is happy-dom's, which node:url refuses
const file = join(dirname(fileURLToPath(import.meta.url)), '../dist/pixelpair.min.js');
const code = readFileSync(file, 'utf8');

const CONTRACT = ['track', 'page', 'consent', 'identify', 'context', 'withContext', 'addContextFields', 'beacon', 'listenTcf', 'listenConsentMode', 'push'];

/** A page at `url` whose <head> runs `before` (inline), then the pixelpair tag with `data`. */
function loadPage(url: string, data: Record<string, string>, before = '') {
  const window = new Window({ url, settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true, disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true } });
  const document = window.document;
  if (before) {
    const inline = document.createElement('script');
    inline.textContent = before;
    document.head.appendChild(inline);
  }
  const tag = document.createElement('script');
  for (const [key, value] of Object.entries(data)) tag.setAttribute('data-' + key, value);
  tag.textContent = code;
  document.head.appendChild(tag);
  return window as unknown as Window & { pixelpair: any; ttq: any; dataLayer: any[] };
}

describe('dist/pixelpair.min.js', () => {
  it('defines window.pixelpair with the contract functions', () => {
    const w = loadPage('https://shop.example.com/', { 'pixel-id': 'C1', 'pixel-src': '/pixel/events.js' });
    for (const name of CONTRACT) expect(typeof w.pixelpair[name], name).toBe('function');
    const id = w.pixelpair.track('ViewContent', { value: 1 }, { eventId: 'prd_1_view_content' });
    expect(id).toBe('prd_1_view_content');
    expect(typeof w.pixelpair.track('AddToCart')).toBe('string');
  });

  it('reads its data attributes: pixel id and src, the first page view, the ttclid cookie', () => {
    const w = loadPage('https://shop.example.com/?ttclid=E.C.P.tag', { 'pixel-id': 'C1', 'pixel-src': 'http://127.0.0.1:4000/pixel/events.js', 'cookie-days': '7' });
    const script = [...w.document.querySelectorAll('script')].find((s) => s.getAttribute('src'));
    expect(script!.getAttribute('src')).toBe('http://127.0.0.1:4000/pixel/events.js?sdkid=C1&lib=ttq');
    expect(Array.from(w.ttq)).toEqual([['page']]);
    expect(w.document.cookie).toContain('ttclid=E.C.P.tag');
    expect(w.pixelpair.context().ttclid).toBe('E.C.P.tag');
  });

  it('replays the pre-load queue in order, after start-up, with the original event ids', () => {
    const w = loadPage('https://shop.example.com/', { 'pixel-id': 'C1', consent: 'manual' }, `
      window.pixelpair = window.pixelpair || [];
      pixelpair.push(['track', 'ViewContent', { value: 3 }, { eventId: 'prd_7_view_content' }]);
      pixelpair.push(['identify', { email: 'alice@example.com' }]);
      pixelpair.push(function (api) { window.readyId = api.track('AddToCart', {}, { eventId: 'cart_7_add_to_cart' }); });
      pixelpair.push(['consent', { adUserData: 'granted', adPersonalization: 'granted' }]);
    `);
    expect((w as any).readyId).toBe('cart_7_add_to_cart');
    expect(Array.from(w.ttq)).toEqual([
      ['holdConsent'],
      ['grantConsent'],
      ['page'],
      ['track', 'ViewContent', { value: 3 }, { event_id: 'prd_7_view_content' }],
      ['identify', { email: 'alice@example.com' }],
      ['track', 'AddToCart', {}, { event_id: 'cart_7_add_to_cart' }],
    ]);
    w.pixelpair.push(['track', 'Purchase', {}, { eventId: 'ord_7_purchase' }]);
    expect(Array.from(w.ttq).at(-1)).toEqual(['track', 'Purchase', {}, { event_id: 'ord_7_purchase' }]);
  });

  it('a bad queue entry does not stop the others', () => {
    const w = loadPage('https://shop.example.com/', {}, `
      window.ttq = []; ['track', 'page'].forEach(function (m) { ttq[m] = function () { ttq.push([m].concat([].slice.call(arguments))); }; });
      window.pixelpair = [['nope'], null, ['track', 'Lead', {}, { eventId: 'lead_1_submit' }]];
    `);
    expect(Array.from(w.ttq)).toEqual([['track', 'Lead', {}, { event_id: 'lead_1_submit' }]]);
  });

  it('loaded twice, the second copy leaves the first in place', () => {
    const w = loadPage('https://shop.example.com/', { 'pixel-id': 'C1' });
    const first = w.pixelpair;
    const again = w.document.createElement('script');
    again.textContent = code;
    w.document.head.appendChild(again);
    expect(w.pixelpair).toBe(first);
  });

  it('never throws into the page when ttq.track throws', () => {
    const w = loadPage('https://shop.example.com/', {}, `window.ttq = { track: function () { throw new Error('blocked'); } };`);
    expect(() => w.pixelpair.track('Lead')).not.toThrow();
  });
});
