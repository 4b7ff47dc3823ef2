/** The home page: what the shop sells, a few products, and a short note that it is a demo. */
import { CATEGORIES, findProduct } from '../shop/catalog.js';
import type { Product } from '../shop/catalog.js';
import { productGrid, productImage } from './product-card.js';
import type { PageContent } from './page-content.js';

const HERO_SKUS = ['SKU-481', 'SKU-733', 'SKU-112', 'SKU-629'];

export function landingPage(products: readonly Product[]): PageContent {
  const art = HERO_SKUS.map(findProduct).filter((p): p is Product => !!p).map((p) => productImage(p, { eager: true })).join('');
  const categories = CATEGORIES.map((c) => {
    const first = products.find((p) => p.category === c);
    return `<a class="tile" href="/products?category=${encodeURIComponent(c)}">${first ? productImage(first) : ''}<span>${c}</span></a>`;
  }).join('');
  return {
    title: 'Trail and road running gear',
    section: 'home',
    body: `<section class="hero"><div>
<p class="eyebrow">Spring collection</p>
<h1>Gear for the long way round</h1>
<p class="lead">Shoes, layers and packs for trail and road, tested on the hills before they reach our shelves. Not sure what fits? Book a free fitting with one of our runners.</p>
<div class="actions"><a class="button accent" href="/products" id="shop-now">Shop now</a><a class="button ghost" href="/lead">Book a fitting</a></div>
</div><div class="hero-art" aria-hidden="true">${art}</div></section>
<ul class="perks"><li><strong>Free shipping</strong> and 30-day returns</li><li><strong>Tested on trail</strong> by our own team</li><li><strong>Free fitting</strong> in store or by video</li></ul>
<div class="section-head"><h2>Popular right now</h2><a href="/products">See all ${products.length} products</a></div>
${productGrid(products.slice(0, 4))}
<div class="section-head"><h2>Shop by category</h2></div>
<nav class="tiles" aria-label="Categories">${categories}</nav>`,
  };
}
