/** Landing, product listing, product page and search: the browsing half of the shop. */
import { CURRENCY } from '../shop/catalog.js';
import type { Product } from '../shop/catalog.js';
import { esc, formatMoney } from './html.js';
import type { PageEvent } from './page-events.js';

export interface PageContent {
  title: string;
  body: string;
  events?: PageEvent[];
  /** SHA-256 hashes for `pixelpair.identify` before the events fire (never plain values). */
  identify?: { email?: string; phone?: string; externalId?: string };
}

const contentOf = (p: Product, quantity = 1) => ({
  content_id: p.id,
  content_name: p.name,
  content_category: p.category,
  brand: p.brand,
  price: p.price,
  quantity,
});

function productCard(p: Product): string {
  return `<article class="card"><h3><a href="/products/${esc(p.id)}">${esc(p.name)}</a></h3><p>${esc(p.blurb)}</p><p><strong>${esc(formatMoney(p.price, CURRENCY))}</strong></p></article>`;
}

export function landingPage(products: readonly Product[]): PageContent {
  return {
    title: 'Welcome',
    body: `<h1>Run further, track honestly</h1>
<p>A demo shop wired with pixelpair: every TikTok Pixel event has a server copy with the same event_id.</p>
<p><a class="button" href="/products" id="shop-now">Shop now</a></p>
<div class="grid">${products.slice(0, 2).map(productCard).join('')}</div>`,
  };
}

export function productListPage(products: readonly Product[]): PageContent {
  return { title: 'Products', body: `<h1>Products</h1><div class="grid">${products.map(productCard).join('')}</div>` };
}

/** ViewContent on load; AddToCart's id is minted now so the click, the beacon and the form agree. */
export function productPage(p: Product, viewEventId: string, addEventId: string): PageContent {
  return {
    title: p.name,
    body: `<h1>${esc(p.name)}</h1><p>${esc(p.blurb)}</p><p><strong>${esc(formatMoney(p.price, CURRENCY))}</strong></p>
<form method="post" action="/cart/add" id="add-to-cart" data-track-event="AddToCart" data-event-id="${esc(addEventId)}"
 data-properties="${esc(JSON.stringify({ content_type: 'product', currency: CURRENCY, value: p.price, contents: [contentOf(p)] }))}">
<input type="hidden" name="product" value="${esc(p.id)}"><input type="hidden" name="event_id" value="${esc(addEventId)}">
<label>Quantity <input type="number" name="quantity" value="1" min="1" max="9"></label>
<button type="submit">Add to cart</button></form>`,
    events: [{ event: 'ViewContent', eventId: viewEventId, collect: true, properties: { content_type: 'product', currency: CURRENCY, value: p.price, contents: [contentOf(p)] } }],
  };
}

export function searchPage(query: string, results: Product[], searchEventId: string | undefined): PageContent {
  const form = `<form method="get" action="/search" id="search-form"><label>Search <input name="q" value="${esc(query)}"></label><button type="submit">Search</button></form>`;
  if (!query) return { title: 'Search', body: `<h1>Search</h1>${form}` };
  const list = results.length ? `<div class="grid">${results.map(productCard).join('')}</div>` : '<p id="no-results">Nothing found.</p>';
  return {
    title: `Search: ${query}`,
    body: `<h1>Search</h1>${form}<p id="result-count">${results.length} result(s) for “${esc(query)}”</p>${list}`,
    events: searchEventId
      ? [{ event: 'Search', eventId: searchEventId, collect: true, properties: { query, contents: results.map((p) => ({ content_id: p.id })) } }]
      : [],
  };
}

export { contentOf };
