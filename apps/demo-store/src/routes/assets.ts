/** What the pages load besides themselves: pixelpair's script-tag build, /shop.js, the product pictures and the favicon. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Handler } from '../http/route-kit.js';
import { sendText } from '../http/respond.js';
import { SHOP_SCRIPT } from '../pages/shop-script.js';
import { findProduct } from '../shop/catalog.js';
import { BRAND_MARK, productArt } from '../shop/product-art.js';

let pixelpairSource: string | undefined;

/** Read once, lazily, so the store starts even before the browser package is built (the route then answers 503). */
function pixelpairScript(): string | undefined {
  if (pixelpairSource === undefined) {
    try {
      const file = createRequire(import.meta.url).resolve('@pixelpair/browser/pixelpair.min.js');
      pixelpairSource = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }
  return pixelpairSource;
}

export const pixelpairJs: Handler = (_req, res) => {
  const source = pixelpairScript();
  if (!source) return sendText(res, 503, 'pixelpair.min.js is not built: run `pnpm --filter @pixelpair/browser build`');
  res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(source);
};

export const shopJs: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(SHOP_SCRIPT);
};

/** A few hundred bytes, drawn per request; browsers keep them for a day. */
function sendSvg(res: Parameters<Handler>[1], svg: string): void {
  res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'public, max-age=86400' });
  res.end(svg);
}

/** GET /art/<sku>.svg */
export const productPicture: Handler = (_req, res, url) => {
  const match = /^\/art\/([A-Za-z0-9-]{1,40})\.svg$/.exec(url.pathname);
  const product = match ? findProduct(match[1]!) : undefined;
  if (!product) return sendText(res, 404, 'no such picture');
  sendSvg(res, productArt(product));
};

/** GET /favicon.svg (linked from every page) and /favicon.ico (what browsers ask for unprompted). */
export const favicon: Handler = (_req, res) => sendSvg(res, BRAND_MARK);
