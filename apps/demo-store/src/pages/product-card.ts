/** A product as the shop shows it in lists: picture, category, name, price. */
import { CURRENCY } from '../shop/catalog.js';
import type { Product } from '../shop/catalog.js';
import { esc, formatMoney } from './html.js';

export const priceOf = (p: Product): string => formatMoney(p.price, CURRENCY);

/** The generated picture (/art/<sku>.svg); decorative next to the name, so an empty alt there. */
export function productImage(p: Product, options: { alt?: boolean; eager?: boolean } = {}): string {
  return `<img src="/art/${esc(p.id)}.svg" width="400" height="300" alt="${options.alt ? esc(p.name) : ''}"${options.eager ? '' : ' loading="lazy"'}>`;
}

export function productCard(p: Product): string {
  return `<article class="card" data-sku="${esc(p.id)}"><a href="/products/${esc(p.id)}">${productImage(p)}
<div class="body"><span class="cat">${esc(p.category)}</span><h3 class="name">${esc(p.name)}</h3><span class="price">${esc(priceOf(p))}</span></div></a></article>`;
}

export function productGrid(products: readonly Product[]): string {
  return `<div class="grid">${products.map(productCard).join('')}</div>`;
}
