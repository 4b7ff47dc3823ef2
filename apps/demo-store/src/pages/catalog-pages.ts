/** The product listing (with a category filter) and search: the browsing half of the shop. */
import { CATEGORIES } from '../shop/catalog.js';
import type { Product } from '../shop/catalog.js';
import { esc } from './html.js';
import { productGrid } from './product-card.js';
import type { PageContent } from './page-content.js';

export type { PageContent } from './page-content.js';
export { contentOf } from './page-content.js';
export { landingPage } from './landing-page.js';
export { productPage } from './product-page.js';

export function productListPage(products: readonly Product[], category?: string): PageContent {
  const pill = (label: string, href: string, current: boolean) => `<a href="${href}"${current ? ' aria-current="page"' : ''}>${esc(label)}</a>`;
  const pills = [pill('All', '/products', !category), ...CATEGORIES.map((c) => pill(c, `/products?category=${encodeURIComponent(c)}`, c === category))].join('');
  return {
    title: category ?? 'All products',
    section: 'shop',
    body: `<h1>${esc(category ?? 'All products')}</h1><p class="muted">${products.length} product${products.length === 1 ? '' : 's'}</p>
<nav class="pills" aria-label="Categories">${pills}</nav>${productGrid(products)}`,
  };
}

export function searchPage(query: string, results: Product[], searchEventId: string | undefined): PageContent {
  const form = `<form method="get" action="/search" id="search-form" role="search" class="buy search-form"><label class="field">Search the shop <input type="search" name="q" value="${esc(query)}" placeholder="Shoes, socks, headlamp…"></label><button type="submit">Search</button></form>`;
  if (!query) return { title: 'Search', section: 'search', body: `<h1>Search</h1>${form}` };
  const list = results.length ? productGrid(results) : '<p id="no-results" class="notice info">Nothing found. Try “trail”, “shoes” or “merino”.</p>';
  return {
    title: `Search: ${query}`,
    section: 'search',
    body: `<h1>Search</h1>${form}<p id="result-count" class="muted">${results.length} result${results.length === 1 ? '' : 's'} for “${esc(query)}”</p>${list}`,
    events: searchEventId
      ? [{ event: 'Search', eventId: searchEventId, collect: true, properties: { query, contents: results.map((p) => ({ content_id: p.id })) } }]
      : [],
  };
}
