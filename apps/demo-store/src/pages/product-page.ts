/** One product: ViewContent on load; AddToCart's id is minted now so the click, the beacon and the form agree. */
import { CURRENCY, PRODUCTS } from '../shop/catalog.js';
import type { Product } from '../shop/catalog.js';
import { MAX_LINE_QUANTITY } from '../shop/shop-state.js';
import { esc } from './html.js';
import { contentOf } from './page-content.js';
import type { PageContent } from './page-content.js';
import { priceOf, productGrid, productImage } from './product-card.js';

/** Up to four others from the same category, then from the rest of the shop. */
function related(p: Product): Product[] {
  const others = PRODUCTS.filter((o) => o.id !== p.id);
  return [...others.filter((o) => o.category === p.category), ...others.filter((o) => o.category !== p.category)].slice(0, 4);
}

export function productPage(p: Product, viewEventId: string, addEventId: string): PageContent {
  const properties = { content_type: 'product', currency: CURRENCY, value: p.price, contents: [contentOf(p)] };
  return {
    title: p.name,
    section: 'shop',
    body: `<nav class="crumbs" aria-label="Breadcrumb"><a href="/products">Shop</a> / <a href="/products?category=${encodeURIComponent(p.category)}">${esc(p.category)}</a></nav>
<div class="product"><div class="art">${productImage(p, { alt: true, eager: true })}</div>
<div><p class="muted small">${esc(p.brand)}</p><h1>${esc(p.name)}</h1><p class="price">${esc(priceOf(p))}</p>
<p>${esc(p.blurb)}</p><ul>${p.details.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>
<form method="post" action="/cart/add" id="add-to-cart" class="buy" data-track-event="AddToCart" data-event-id="${esc(addEventId)}"
 data-properties="${esc(JSON.stringify(properties))}">
<input type="hidden" name="product" value="${esc(p.id)}"><input type="hidden" name="event_id" value="${esc(addEventId)}">
<label class="field">Quantity <input type="number" name="quantity" value="1" min="1" max="${MAX_LINE_QUANTITY}" inputmode="numeric"></label>
<button type="submit" class="accent">Add to cart</button></form>
<p class="muted small">Free shipping and 30-day returns. In stock, ships in 1–2 working days.</p></div></div>
<div class="section-head"><h2>You might also like</h2></div>${productGrid(related(p))}`,
    events: [{ event: 'ViewContent', eventId: viewEventId, collect: true, properties }],
  };
}
