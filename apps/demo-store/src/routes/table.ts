/** Method + path → handler. Exact paths first, then prefixes (product, thank-you, lead thanks, SPA routes). */
import type { Handler } from '../http/route-kit.js';
import { cart, landing, product, productList, search, spa } from './browse.js';
import { addToCart, checkout, placeOrder, updateCart } from './checkout.js';
import { consentStored } from './consent.js';
import { paymentReturn, paymentWebhook, thankYou } from './payment.js';
import { leadForm, leadThanks, submitLead } from './lead.js';
import { collect } from './collect.js';
import { favicon, pixelpairJs, productPicture, shopJs } from './assets.js';
import { sendJson } from '../http/respond.js';

const deliveries: Handler = (_req, res, _url, kit) => sendJson(res, kit.delivery.records());

const EXACT: Record<string, Handler> = {
  'GET /': landing,
  'GET /products': productList,
  'GET /search': search,
  'GET /cart': cart,
  'POST /cart/add': addToCart,
  'POST /cart/update': updateCart,
  'GET /checkout': checkout,
  'POST /checkout': placeOrder,
  'GET /payment/return': paymentReturn,
  'POST /payment/webhook': paymentWebhook,
  'GET /lead': leadForm,
  'POST /lead': submitLead,
  'POST /collect': collect,
  'POST /consent': consentStored,
  'GET /pixelpair.min.js': pixelpairJs,
  'GET /shop.js': shopJs,
  'GET /favicon.svg': favicon,
  'GET /favicon.ico': favicon,
  'GET /app': spa,
  'GET /__demo/deliveries': deliveries,
};

const PREFIXES: Array<[string, string, Handler]> = [
  ['GET', '/products/', product],
  ['GET', '/thank-you/', thankYou],
  ['GET', '/lead/thanks/', leadThanks],
  ['GET', '/app/', spa],
  ['GET', '/art/', productPicture],
];

export function findHandler(method: string, path: string): Handler | undefined {
  const exact = EXACT[`${method} ${path}`];
  if (exact) return exact;
  return PREFIXES.find(([m, prefix]) => m === method && path.startsWith(prefix))?.[2];
}
