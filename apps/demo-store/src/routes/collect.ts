/**
 * POST /collect: the browser's beacon (a Handoff: event, event_id, properties, context),
 * checked by the server package's collect handler (origin, rate limit, size, schema). Behind
 * a trusted proxy its X-Forwarded-For names the client, for the server copy's IP and for the
 * per-client rate limit (else every visitor would share the proxy's IP and one bucket). The
 * context is stored on the visitor's cart, so the later purchase copy carries the freshest
 * browser evidence; the browsing event's server copy goes out at once. Purchases and leads
 * are not accepted here: their copies come from the shop's own records.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createCollectHandler, toNodeHandler } from '@pixelpair/server';
import type { Handoff } from '@pixelpair/core';
import type { CollectContext, CollectOutcome } from '@pixelpair/server';
import { CART_COOKIE } from '../http/route-kit.js';
import type { Handler, RouteKit } from '../http/route-kit.js';
import { cookieValue } from '../http/respond.js';
import type { Cart } from '../shop/shop-state.js';
import { COLLECTABLE_EVENTS, handoffEnvelope } from '../shop/handoff-envelope.js';
import { refreshContext, storeContext } from '../shop/stored-context.js';

interface Scope {
  kit: RouteKit;
  /** The visitor's existing cart; a beacon never creates one (its Set-Cookie would compete with the click-id cookies). */
  cart?: Cart;
  locale?: string;
}

/** The collect handler is built once (its rate limiter lives across requests); the request's cart travels in this scope. */
const scope = new AsyncLocalStorage<Scope>();

async function onEvent(handoff: Handoff, ctx: CollectContext): Promise<CollectOutcome> {
  const current = scope.getStore();
  if (!current) return { ignored: 'no shop context' };
  // The browser says what it saw; a purchase or a lead it reports is not proof of one.
  if (!COLLECTABLE_EVENTS.has(handoff.event)) return { ignored: 'purchases and leads are sent from the shop’s own records' };
  const evidence = { ...ctx, ...(current.locale ? { locale: current.locale } : {}) };
  const captured = storeContext(handoff.context, evidence, 'handoff');
  // The copy carries what the cart already knew where this capture lacks it (the landing's click
  // ids, kept server-side after a denial too); the consent policy decides what of it leaves.
  const context = current.cart ? (current.cart.context = refreshContext(current.cart.context, captured)) : captured;
  await current.kit.delivery.deliver(handoffEnvelope(handoff.event, handoff.eventId, handoff.properties, context));
}

const handlers = new WeakMap<RouteKit, ReturnType<typeof toNodeHandler>>();

function handlerOf(kit: RouteKit): ReturnType<typeof toNodeHandler> {
  let handler = handlers.get(kit);
  if (!handler) {
    // Plain-http local demo: a Secure cookie would be refused outside localhost.
    handler = toNodeHandler(createCollectHandler({
      onEvent,
      cookies: { secure: kit.origin().startsWith('https:') },
      rateLimit: kit.collectRateLimit,
      trustedProxies: kit.trustedProxies,
    }));
    handlers.set(kit, handler);
  }
  return handler;
}

export const collect: Handler = async (req, res, _url, kit) => {
  const cartId = cookieValue(req.headers.cookie, CART_COOKIE);
  const cart = cartId ? kit.state.cart(cartId) : undefined;
  const locale = kit.evidence(req).locale;
  await scope.run({ kit, ...(cart ? { cart } : {}), ...(locale ? { locale } : {}) }, () => handlerOf(kit)(req, res));
};
