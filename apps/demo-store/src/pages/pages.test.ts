import { describe, expect, it } from 'vitest';
import { layout } from './layout.js';
import { productPage, searchPage } from './catalog-pages.js';
import { esc, inlineJson } from './html.js';
import { PRODUCTS } from '../shop/catalog.js';

const pixel = { pixelId: 'CPIXEL', pixelScriptUrl: 'http://127.0.0.1:9/pixel/events.js' };

describe('pages', () => {
  it('the layout carries the pixelpair script tag with the manual consent adapter and the collect URL', () => {
    const html = layout({ title: 'T', body: '<p>x</p>', pixel, consent: undefined, cartCount: 0 });
    expect(html).toContain('<script async src="/pixelpair.min.js" data-pixel-id="CPIXEL" data-pixel-src="http://127.0.0.1:9/pixel/events.js" data-consent="manual" data-collect-url="/collect"');
    expect(html).toContain('window.pixelpair=window.pixelpair||[];</script>');
    expect(html).toMatch(/<section id="consent-banner" aria-label="Cookie consent">/);
  });

  it('restores a stored banner choice through the pre-load queue and hides the banner', () => {
    const html = layout({ title: 'T', body: '', pixel, consent: { adUserData: 'granted', adPersonalization: 'denied' }, cartCount: 2 });
    expect(html).toContain(`window.pixelpair.push(['consent', {"adUserData":"granted","adPersonalization":"denied","cmp":{"name":"demo-banner","version":"1"}}]);`);
    expect(html).toContain('<section id="consent-banner" aria-label="Cookie consent" hidden>');
    expect(html).toContain('<span class="count" id="cart-count">2</span>');
  });

  it('without a pixel script URL the tag loads TikTok’s own events.js (no data-pixel-src)', () => {
    expect(layout({ title: 'T', body: '', pixel: { pixelId: 'CREAL' }, consent: undefined, cartCount: 0 })).not.toContain('data-pixel-src');
  });

  it('Meta and Google ride on the same script tag: ids, stub URLs and conversion labels, escaped', () => {
    const html = layout({ title: 'T', body: '', consent: undefined, cartCount: 0, pixel: { ...pixel,
      meta: { pixelId: '1000000000000001', pixelScriptUrl: 'http://127.0.0.1:9/meta/fbevents.js' },
      google: { tagId: 'AW-1', conversionLabels: { Purchase: 'purchase', Lead: 'a"b' }, tagScriptUrl: 'http://127.0.0.1:9/gtag/js' } } });
    expect(html).toContain('data-meta-pixel-id="1000000000000001" data-meta-pixel-src="http://127.0.0.1:9/meta/fbevents.js" data-google-tag-id="AW-1" data-google-tag-src="http://127.0.0.1:9/gtag/js" data-google-conversions="Purchase:purchase,Lead:a&quot;b" data-consent="manual"');
    expect(layout({ title: 'T', body: '', pixel, consent: undefined, cartCount: 0 })).not.toMatch(/data-meta-|data-google-/);
  });

  it('the SPA section turns on data-spa; other pages do not', () => {
    expect(layout({ title: 'T', body: '', pixel, consent: undefined, cartCount: 0, spa: true })).toContain(' data-spa');
    expect(layout({ title: 'T', body: '', pixel, consent: undefined, cartCount: 0 })).not.toContain('data-spa');
  });

  it('a product page fires ViewContent with the server-minted id and carries the AddToCart id on the form', () => {
    const page = productPage(PRODUCTS[0]!, 'view_1', 'cart_c1-1_add_to_cart');
    expect(page.events).toEqual([expect.objectContaining({ event: 'ViewContent', eventId: 'view_1', collect: true })]);
    expect(page.body).toContain('data-event-id="cart_c1-1_add_to_cart"');
  });

  it('escapes a hostile search query everywhere it is shown, and the event JSON cannot close its script tag', () => {
    const query = '"><script>alert(1)</script>';
    const page = searchPage(query, [], 'srch_1');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain(esc(query));
    const html = layout({ title: page.title, body: page.body, pixel, consent: undefined, cartCount: 0, events: page.events! });
    expect(html.match(/<\/script>/g)!.length).toBe(html.match(/<script/g)!.length);
    expect(inlineJson({ q: '</script>' })).toBe('{"q":"\\u003c/script>"}');
  });
});
