/**
 * The storefront's HTML: the script tag (with its pre-load queue, so it can load async), a
 * two-button consent banner, and the Pixel copies. Ids the backend also uses are rendered
 * into the page (the script tag has no id helpers), so both copies carry the same event_id.
 */
import { CURRENCY, PRODUCTS, type Order, type Product } from './shop.js';

export interface PageSettings {
  pixelId: string;
  /** TikTok's events.js unless set (the local stand-in in development). */
  pixelSrc?: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (n: number) => new Intl.NumberFormat('en-IE', { style: 'currency', currency: CURRENCY }).format(n);
/** JSON inside <script>: `<` escaped so no value can close the tag. */
const js = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function layout(settings: PageSettings, title: string, body: string, script = ''): string {
  const src = settings.pixelSrc ? ` data-pixel-src="${esc(settings.pixelSrc)}"` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Express Shop</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}button{font:inherit}#consent{position:fixed;inset:auto 1rem 1rem;padding:1rem;background:#fff;border:1px solid #bbb;border-radius:8px}</style>
<script>window.pixelpair = window.pixelpair || [];</script>
<script async src="/pixelpair.min.js" data-pixel-id="${esc(settings.pixelId)}"${src} data-consent="manual" data-collect-url="/pixelpair/collect"></script>
<script>
  // Restore the visitor's choice before the tag starts, so nothing is held twice.
  var saved = localStorage.getItem('shop-consent');
  if (saved) pixelpair.push(['consent', JSON.parse(saved)]);
</script>
</head><body>
<h1>${esc(title)}</h1>
${body}
<div id="consent" hidden><p>We use TikTok ads measurement to see which ads bring you here.</p>
<button data-choice="granted">Accept</button> <button data-choice="denied">Reject</button></div>
<script>
  var banner = document.getElementById('consent');
  banner.hidden = !!localStorage.getItem('shop-consent');
  banner.addEventListener('click', function (e) {
    var value = e.target.getAttribute('data-choice');
    if (!value) return;
    var choice = { adUserData: value, adPersonalization: value, cmp: { name: 'express-shop-banner', version: '1' } };
    localStorage.setItem('shop-consent', JSON.stringify(choice));
    pixelpair.push(['consent', choice]);
    banner.hidden = true;
  });
${script}
</script>
</body></html>`;
}

const pixelProperties = (p: Product) => ({ value: p.price, currency: CURRENCY, content_type: 'product', contents: [{ content_id: p.id, quantity: 1, price: p.price }] });

/** Products with "Add to cart": the Pixel copy, then the hand-off of the same id to /pixelpair/collect. */
export function productsPage(settings: PageSettings): string {
  const items = PRODUCTS.map(
    (p) => `<li><strong>${esc(p.name)}</strong> ${money(p.price)}
  <button type="button" data-add='${esc(js(pixelProperties(p)))}'>Add to cart</button>
  <form method="post" action="/checkout" style="display:inline"><input type="hidden" name="product" value="${esc(p.id)}">
    <input name="email" type="email" placeholder="Email" required> <button>Buy now</button></form></li>`,
  );
  return layout(settings, 'Running gear', `<ul>${items.join('\n')}</ul><p id="added"></p>`, `
  document.addEventListener('click', function (e) {
    var props = e.target.getAttribute('data-add');
    if (!props) return;
    pixelpair.push(function (pp) {
      var properties = JSON.parse(props);
      var eventId = pp.track('AddToCart', properties);
      pp.beacon({ event: 'AddToCart', eventId: eventId, properties: properties });
      document.getElementById('added').textContent = 'Added to cart';
    });
  });
  // The checkout form carries the browser's context in one hidden field, pp_context.
  document.addEventListener('submit', function (e) {
    pixelpair.push(function (pp) { pp.addContextFields(e.target); });
  });`);
}

/** A stand-in for your payment provider's page. */
export function payPage(settings: PageSettings, order: Order): string {
  return layout(settings, 'FakePay', `<p>Order ${esc(order.id)}: ${money(order.product.price)}</p>
<form method="post" action="/orders/${esc(order.id)}/paid"><button>Pay ${money(order.product.price)}</button></form>`);
}

/** The purchase's Pixel copy, with the event_id the server copy was enqueued with. */
export function thankYouPage(settings: PageSettings, order: Order, eventId: string): string {
  const properties = pixelProperties(order.product);
  return layout(settings, 'Thank you', `<p>Order <span id="order-id">${esc(order.id)}</span> is paid.</p>`,
    `  pixelpair.push(['track', 'CompletePayment', ${js(properties)}, { eventId: ${js(eventId)} }]);`);
}
