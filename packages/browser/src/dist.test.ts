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

const CONTRACT = ['track', 'page', 'consent', 'identify', 'context', 'withContext', 'addContextFields', 'beacon', 'push'];

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
    // data-consent starts the adapters; the npm build exports listenTcf / listenConsentMode
    expect(Object.keys(w.pixelpair).sort()).toEqual([...CONTRACT].sort());
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

  it('data-spa: one page view per route change, and TikTok\'s history observer off', async () => {
    // a valueless `data-spa` works in browsers (e2e); happy-dom leaves empty data-* values out of dataset's keys
    const w = loadPage('https://shop.example.com/', { 'pixel-id': 'C1', spa: 'true' });
    expect(w.ttq._o.C1).toEqual({ historyObserver: false });
    w.history.pushState(null, '', '/products');
    w.history.pushState(null, '', '/products#top');
    await new Promise((resolve) => w.setTimeout(resolve, 5));
    expect(Array.from(w.ttq).filter((c: any) => c[0] === 'page')).toHaveLength(2);
  });

  it('data-consent="tcf,gcm": held until either source decides', () => {
    const w = loadPage('https://shop.example.com/', { 'pixel-id': 'C1', consent: 'tcf,gcm' }, `
      window.dataLayer = [];
      window.__tcfapi = function (cmd, v, cb) { window.decide = cb; };
    `);
    w.pixelpair.track('ViewContent', {}, { eventId: 'prd_2_view_content' });
    expect(Array.from(w.ttq)).toEqual([['holdConsent']]);
    (w as any).decide({ eventStatus: 'useractioncomplete', gdprApplies: true, cmpId: 5, cmpVersion: 1, purpose: { consents: { 1: true, 7: true } } }, true);
    expect(Array.from(w.ttq)).toEqual([['holdConsent'], ['grantConsent'], ['page'], ['track', 'ViewContent', {}, { event_id: 'prd_2_view_content' }]]);
    expect(w.pixelpair.consent()).toMatchObject({ adUserData: 'granted', adPersonalization: 'denied', cmp: { name: 'tcf:5' } });
  });

  it('data-meta-pixel-id / data-meta-pixel-src: Meta\'s Pixel beside TikTok\'s, the same event id, _fbc from the fbclid', () => {
    const w = loadPage('https://shop.example.com/?fbclid=IwAR_tag', { 'pixel-id': 'C1', 'meta-pixel-id': '1000000000000001', 'meta-pixel-src': '/meta/fbevents.js', consent: 'manual' }) as any;
    const srcs = [...w.document.querySelectorAll('script')].map((s: any) => s.getAttribute('src')).filter(Boolean);
    expect(srcs.sort()).toEqual(['/meta/fbevents.js', 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C1&lib=ttq']);
    const queue = () => w.fbq.queue.map((args: any) => Array.from(args));
    expect(queue()).toEqual([['consent', 'revoke'], ['init', '1000000000000001']]);
    const id = w.pixelpair.track('AddToCart', { value: 2 });
    w.pixelpair.consent({ adUserData: 'granted' });
    expect(queue().slice(2)).toEqual([['consent', 'grant'], ['track', 'PageView', {}, { eventID: expect.any(String) }], ['track', 'AddToCart', { value: 2 }, { eventID: id }]]);
    expect(Array.from(w.ttq).at(-1)).toEqual(['track', 'AddToCart', { value: 2 }, { event_id: id }]);
    expect(w.pixelpair.context().fbc).toMatch(/^fb\.1\.\d{13}\.IwAR_tag$/);
    expect(w._fbq).toBe(w.fbq);
  });

  it('data-google-tag-id / -src / -conversions: the tag\'s conversion carries the same id; gclid kept', () => {
    const w = loadPage('https://shop.example.com/?gclid=EAIaIQob-tag', { 'pixel-id': 'C1', 'google-tag-id': 'AW-1000000001', 'google-tag-src': '/google/gtag.js', 'google-conversions': 'Purchase:purchase,Lead:lead', consent: 'manual' }) as any;
    const srcs = [...w.document.querySelectorAll('script')].map((s: any) => s.getAttribute('src')).filter(Boolean);
    expect(srcs).toContain('/google/gtag.js?id=AW-1000000001');
    const layer = () => w.dataLayer.map((args: any) => Array.from(args)).filter((c: any) => c[0] !== 'js');
    expect(layer()).toEqual([['consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }], ['config', 'AW-1000000001']]);
    const id = w.pixelpair.track('CompletePayment', { value: 5, currency: 'EUR' });
    w.pixelpair.consent({ adUserData: 'granted', adPersonalization: 'granted' });
    expect(layer().slice(2)).toEqual([
      ['consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
      ['event', 'conversion', { send_to: 'AW-1000000001/purchase', transaction_id: id, value: 5, currency: 'EUR' }],
    ]);
    expect(Array.from(w.ttq).at(-1)).toEqual(['track', 'CompletePayment', { value: 5, currency: 'EUR' }, { event_id: id }]);
    expect(w.pixelpair.context().gclid).toBe('EAIaIQob-tag');
  });

  it('never throws into the page when ttq.track throws', () => {
    const w = loadPage('https://shop.example.com/', {}, `window.ttq = { track: function () { throw new Error('blocked'); } };`);
    expect(() => w.pixelpair.track('Lead')).not.toThrow();
  });
});
