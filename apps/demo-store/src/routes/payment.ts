/**
 * Back from the payment provider: the browser's return leg and the provider's webhook both
 * confirm the order (idempotently); the thank-you page fires the purchase pixel with the
 * order's event_id, on every load, and the backend sends the server copy once.
 */
import { orderEventId } from '@pixelpair/core';
import { readText } from '../http/body.js';
import { redirect, sendJson, sendText } from '../http/respond.js';
import type { Handler } from '../http/route-kit.js';
import { thankYouPage } from '../pages/checkout-pages.js';
import { resultParts, verify } from '../payment/signature.js';
import type { PaymentResult } from '../payment/signature.js';
import { confirmPayment } from '../shop/confirm-payment.js';
import { hashedIdentity } from '../shop/hashed-identity.js';
import { customerId } from '../shop/shop-state.js';

function paymentResult(input: Record<string, unknown>): PaymentResult | undefined {
  const { order, payment, status } = input;
  if (typeof order !== 'string' || typeof payment !== 'string') return undefined;
  if (status !== 'paid' && status !== 'cancelled') return undefined;
  return { order, payment, status };
}

export const paymentReturn: Handler = async (_req, res, url, kit) => {
  const result = paymentResult(Object.fromEntries(url.searchParams));
  if (!result || !verify(kit.settings.paymentSecret, resultParts(result), url.searchParams.get('sig'))) return sendText(res, 400, 'payment result signature is invalid');
  if (result.status !== 'paid') {
    // The shopper cancelled on the payment page: the order is void and its items go back into the cart.
    const cancelled = kit.state.cancelOrder(result.order);
    if (!cancelled.ok && cancelled.reason === 'unknown_order') return sendText(res, 404, 'unknown order');
    if (!cancelled.ok) return redirect(res, `/thank-you/${encodeURIComponent(result.order)}`);
    return redirect(res, '/cart?notice=payment-cancelled');
  }
  const confirmed = await confirmPayment(kit.state, kit.delivery, kit.settings.purchaseEvent, result.order, result.payment);
  if (!confirmed.ok) return confirmed.reason === 'unknown_order' ? sendText(res, 404, 'unknown order') : redirect(res, '/cart');
  redirect(res, `/thank-you/${encodeURIComponent(result.order)}`);
};

export const paymentWebhook: Handler = async (req, res, _url, kit) => {
  const body = await readText(req);
  if (!body.ok) return sendText(res, 413, 'body too large');
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.text) as Record<string, unknown>;
  } catch {
    return sendText(res, 400, 'body must be JSON');
  }
  const result = paymentResult(input);
  if (!result || !verify(kit.settings.paymentSecret, resultParts(result), typeof input.signature === 'string' ? input.signature : undefined)) {
    return sendText(res, 400, 'payment result signature is invalid');
  }
  if (result.status !== 'paid') return sendJson(res, { ok: true, ignored: result.status });
  const confirmed = await confirmPayment(kit.state, kit.delivery, kit.settings.purchaseEvent, result.order, result.payment);
  sendJson(res, confirmed, confirmed.ok ? 200 : confirmed.reason === 'unknown_order' ? 404 : 409);
};

export const thankYou: Handler = (req, res, url, kit) => {
  const order = kit.state.order(decodeURIComponent(url.pathname.slice('/thank-you/'.length)));
  if (!order) return sendText(res, 404, 'unknown order');
  const event = kit.settings.purchaseEvent;
  const identify = hashedIdentity({ email: order.email, phone: order.phone, country: order.country, externalId: customerId(order) });
  kit.render(req, res, { ...thankYouPage(order, event, orderEventId(order.id, event)), identify });
};
