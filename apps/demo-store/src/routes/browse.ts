/** Browsing: landing, listing, product (ViewContent), search (Search), cart, and the SPA section. */
import { cartEventId, randomEventId } from '@pixelpair/core';
import { randomBytes } from 'node:crypto';
import { CATEGORIES, findProduct, PRODUCTS, productsIn, searchProducts } from '../shop/catalog.js';
import { landingPage, productListPage, productPage, searchPage } from '../pages/catalog-pages.js';
import { cartPage, isCartNotice } from '../pages/cart-page.js';
import { spaPage, spaRouterScript } from '../pages/spa-page.js';
import { sendText } from '../http/respond.js';
import type { Handler } from '../http/route-kit.js';

const randomHex = () => randomBytes(12).toString('hex');

export const landing: Handler = (req, res, _url, kit) => kit.render(req, res, landingPage(PRODUCTS));

export const productList: Handler = (req, res, url, kit) => {
  const asked = url.searchParams.get('category') ?? '';
  const category = (CATEGORIES as readonly string[]).includes(asked) ? asked : undefined;
  kit.render(req, res, productListPage(productsIn(category), category));
};

export const product: Handler = (req, res, url, kit) => {
  const p = findProduct(decodeURIComponent(url.pathname.slice('/products/'.length)));
  if (!p) return sendText(res, 404, 'no such product');
  const cart = kit.cartOf(req, res);
  // One AddToCart id per add: the cart id plus the number of the add that this click would be.
  kit.render(req, res, productPage(p, randomEventId('view', randomHex), cartEventId(`${cart.id}-${cart.adds + 1}`)));
};

export const search: Handler = (req, res, url, kit) => {
  const query = (url.searchParams.get('q') ?? '').slice(0, 200);
  const results = searchProducts(query);
  kit.render(req, res, searchPage(query, results, query.trim() ? randomEventId('srch', randomHex) : undefined));
};

export const cart: Handler = (req, res, url, kit) => {
  const notice = url.searchParams.get('notice');
  kit.render(req, res, cartPage(kit.cartOf(req, res), isCartNotice(notice) ? notice : undefined));
};

export const spa: Handler = (req, res, url, kit) => kit.render(req, res, spaPage(url.pathname === '/app' ? '/app/' : url.pathname), { spa: true, extraScript: spaRouterScript() });
