/**
 * The Express app: the storefront pages, the collect endpoint for the browser's hand-offs,
 * checkout, and the payment confirmation that enqueues the purchase's server copy.
 */
import { createRequire } from 'node:module';
import { contextFromFields } from '@pixelpair/core';
import { createCollectHandler, readRequestContext, toNodeHandler } from '@pixelpair/server';
import type { Outbox } from '@pixelpair/server/outbox';
import express from 'express';
import { payPage, productsPage, thankYouPage, type PageSettings } from './pages.js';
import { cartEnvelope, evidenceFrom, findOrder, findProduct, markPaid, placeOrder, purchaseEnvelope, purchaseEventId } from './shop.js';

export interface AppDeps {
  outbox: Outbox;
  pages: PageSettings;
  /** IPs / CIDRs of your reverse proxies: their X-Forwarded-For names the client. */
  trustedProxies?: readonly string[];
}

const scriptTag = createRequire(import.meta.url).resolve('@pixelpair/browser/pixelpair.min.js');

export function createApp({ outbox, pages, trustedProxies = [] }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/pixelpair.min.js', (_req, res) => res.sendFile(scriptTag, { maxAge: '1h' }));

  // The browser's hand-offs (`pixelpair.beacon`): origin-checked, rate-limited, size-capped,
  // validated. A purchase never comes this way: its value would be the browser's word.
  const collect = createCollectHandler({
    trustedProxies,
    async onEvent(handoff, ctx) {
      const envelope = cartEnvelope(handoff, ctx);
      // Answered 200 `{ ignored }`: the browser sees why, and no cookies are set.
      if (!envelope) return { ignored: 'only AddToCart of a catalogue product is taken here' };
      const stored = await outbox.track(envelope);
      if (stored.ok) return undefined;
      console.error(`AddToCart ${envelope.eventId}: server copy rejected`, stored.errors); // paths and reasons, never values
      return { ignored: 'the server copy was rejected' };
    },
  });
  app.post('/pixelpair/collect', toNodeHandler(collect));

  app.get('/', (_req, res) => res.type('html').send(productsPage(pages)));

  app.post('/checkout', express.urlencoded({ extended: false, limit: '16kb' }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const product = findProduct(body.product);
    const email = String(body.email ?? '').trim();
    if (!product || !email) return res.status(400).type('text').send('choose a product and give an email');
    // The hidden pp_context field (the browser's capture) plus what this request shows.
    const evidence = evidenceFrom(contextFromFields(body), readRequestContext(req, { trustedProxies }));
    const order = placeOrder(email, product, evidence);
    res.redirect(303, `/orders/${order.id}/pay`);
  });

  app.get('/orders/:id/pay', (req, res) => {
    const order = findOrder(req.params.id);
    if (!order) return res.sendStatus(404);
    res.type('html').send(payPage(pages, order));
  });

  // Stands in for your payment provider's webhook: the purchase is enqueued once, durably,
  // before the shopper sees the thank-you page; the worker delivers it.
  app.post('/orders/:id/paid', async (req, res) => {
    const order = findOrder(req.params.id);
    if (!order) return res.sendStatus(404);
    if (markPaid(order)) {
      const stored = await outbox.track(purchaseEnvelope(order));
      if (!stored.ok) console.error(`order ${order.id}: server copy rejected`, stored.errors);
    }
    res.redirect(303, `/orders/${order.id}/thank-you`);
  });

  app.get('/orders/:id/thank-you', (req, res) => {
    const order = findOrder(req.params.id);
    if (!order?.paidAt) return res.sendStatus(404);
    res.type('html').send(thankYouPage(pages, order, purchaseEventId(order)));
  });

  return app;
}
