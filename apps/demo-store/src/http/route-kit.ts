/**
 * What every route handler gets: the shop's state and delivery, the pixel settings for
 * the script tag, the request's evidence, and `render`, which wraps page content in the
 * layout with the visitor's consent choice and cart, and sets the click-id cookie only as
 * far as that choice allows.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Delivery } from '../delivery.js';
import type { PageContent } from '../pages/page-content.js';
import { layout } from '../pages/layout.js';
import type { PixelTagSettings } from '../pages/layout.js';
import { CONSENT_COOKIE, parseConsentChoice } from '../shop/consent-choice.js';
import type { Cart, ShopState } from '../shop/shop-state.js';
import type { RequestEvidence } from '../shop/stored-context.js';
import { clickIdCookies, clickIdsFromUrl } from '../shop/click-id-cookie.js';
import { hasClickIds, keepLandingClickIds } from '../shop/landing-click-ids.js';
import { appendSetCookie, cookieValue, sendHtml } from './respond.js';

export const CART_COOKIE = 'demo_cart';

export interface ShopSettings {
  /** CompletePayment (legacy, the design notes' name) or Purchase (current). */
  purchaseEvent: 'CompletePayment' | 'Purchase';
  /** SubmitForm (legacy) or Lead (current). */
  leadEvent: 'SubmitForm' | 'Lead';
  currency: string;
  /** The fake payment provider's origin, and the secret both sides sign with. */
  paymentUrl: string;
  paymentSecret: string;
}

export interface RouteKit {
  settings: ShopSettings;
  state: ShopState;
  delivery: Delivery;
  pixel: PixelTagSettings;
  /** The store's own public origin (return and webhook URLs for the payment provider). */
  origin(): string;
  evidence(req: IncomingMessage): RequestEvidence;
  /** Proxies whose X-Forwarded-For names the client (for the collect handler's IP and rate limit). */
  trustedProxies: readonly string[];
  /** Requests per client IP per minute on /collect. */
  collectRateLimit: { max: number; windowMs: number };
  /** The visitor's cart, created (and its cookie set on the response) on first use. */
  cartOf(req: IncomingMessage, res: ServerResponse): Cart;
  render(req: IncomingMessage, res: ServerResponse, content: PageContent, options?: RenderOptions): void;
}

export interface RenderOptions {
  spa?: boolean;
  extraScript?: string;
  status?: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, kit: RouteKit) => Promise<void> | void;

/** The cart a response has just created, so a second look-up in the same request does not create another. */
const created = new WeakMap<ServerResponse, Cart>();

export function cartFromRequest(kit: Pick<RouteKit, 'state'>, req: IncomingMessage, res: ServerResponse): Cart {
  const earlier = created.get(res);
  if (earlier) return earlier;
  const id = cookieValue(req.headers.cookie, CART_COOKIE);
  const cart = kit.state.cart(id);
  if (cart.id !== id && !res.headersSent) {
    appendSetCookie(res, [`${CART_COOKIE}=${cart.id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`]);
    created.set(res, cart);
  }
  return cart;
}

/** Plain http here (the local demo), so cookies are Secure only behind TLS. */
export const isSecure = (req: IncomingMessage): boolean => (req.socket as { encrypted?: boolean }).encrypted === true;

export function renderPage(kit: Pick<RouteKit, 'pixel' | 'state'>, req: IncomingMessage, res: ServerResponse, content: PageContent, options: RenderOptions = {}): void {
  const consent = parseConsentChoice(cookieValue(req.headers.cookie, CONSENT_COOKIE));
  const cartId = cookieValue(req.headers.cookie, CART_COOKIE);
  const cart = cartId ? kit.state.cart(cartId) : undefined;
  const cartCount = cart ? cart.lines.reduce((n, l) => n + l.quantity, 0) : 0;
  const html = layout({
    title: content.title,
    body: content.body,
    pixel: kit.pixel,
    consent,
    cartCount,
    ...(content.section ? { section: content.section } : {}),
    ...(content.events ? { events: content.events } : {}),
    ...(content.identify ? { identify: content.identify } : {}),
    ...(options.spa ? { spa: true } : {}),
    ...(options.extraScript ? { extraScript: options.extraScript } : {}),
  });
  const ids = clickIdsFromUrl(req.url, req.headers.cookie);
  // The landing's click ids go on the cart record on the server whatever the choice (no marketing
  // cookie for it; why in shop/landing-click-ids.ts): each server copy's use is the consent policy's call.
  if (hasClickIds(ids)) {
    const landed = cartFromRequest(kit, req, res);
    landed.context = keepLandingClickIds(landed.context, ids);
  }
  // A landing with ?ttclid= / fbclid= / gclid=… (re-)sets the click ids from the server, so they
  // outlive Safari's 7-day cap on script-written cookies, but only once the stored choice grants storage.
  appendSetCookie(res, clickIdCookies({
    choice: consent,
    ids,
    cookieHeader: req.headers.cookie,
    secure: isSecure(req),
  }));
  sendHtml(res, html, options.status ?? 200);
}
