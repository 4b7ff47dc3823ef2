/** The two scripts the pages load: pixelpair's script-tag build (from @pixelpair/browser) and /shop.js. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Handler } from '../http/route-kit.js';
import { sendText } from '../http/respond.js';
import { SHOP_SCRIPT } from '../pages/shop-script.js';

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
