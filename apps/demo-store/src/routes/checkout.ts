/**
 * Add to cart (stores the captured context on the cart), checkout (InitiateCheckout on the
 * page, email and phone in the form) and the hop to the payment provider on another origin.
 */
import { eventId } from '@pixelpair/core';
import { checkoutPage } from '../pages/checkout-pages.js';
import { readForm } from '../http/body.js';
import { redirect, sendText } from '../http/respond.js';
import type { Handler } from '../http/route-kit.js';
import { contextFromForm, refreshContext } from '../shop/stored-context.js';
import { requestParts, sign } from '../payment/signature.js';
import type { PaymentRequest } from '../payment/signature.js';

const COUNTRIES = new Set(['DE', 'FR', 'GB', 'US']);

export const addToCart: Handler = async (req, res, _url, kit) => {
  const form = await readForm(req);
  if (!form) return sendText(res, 413, 'body too large');
  const cart = kit.cartOf(req, res);
  const context = refreshContext(cart.context, contextFromForm(form, kit.evidence(req)));
  const quantity = Number(form.quantity ?? '1');
  if (!kit.state.addToCart(cart.id, form.product ?? '', quantity, context)) return sendText(res, 400, 'product or quantity is invalid');
  redirect(res, '/cart');
};

/** Quantity changes and removals from the cart page (0 or the Remove button takes the line out). */
export const updateCart: Handler = async (req, res, _url, kit) => {
  const form = await readForm(req);
  if (!form) return sendText(res, 413, 'body too large');
  const cart = kit.cartOf(req, res);
  const quantity = form.remove ? 0 : Number(form.quantity ?? '');
  if (!kit.state.setQuantity(cart.id, form.product ?? '', quantity)) return redirect(res, '/cart');
  redirect(res, `/cart?notice=${quantity === 0 ? 'removed' : 'updated'}`);
};

export const checkout: Handler = (req, res, _url, kit) => {
  const cart = kit.cartOf(req, res);
  kit.render(req, res, checkoutPage(cart, eventId('checkout', `${cart.id}-${cart.orders + 1}`, 'InitiateCheckout')));
};

export const placeOrder: Handler = async (req, res, _url, kit) => {
  const form = await readForm(req);
  if (!form) return sendText(res, 413, 'body too large');
  const email = (form.email ?? '').trim();
  const phone = (form.phone ?? '').trim();
  const country = COUNTRIES.has(form.country ?? '') ? form.country! : 'DE';
  if (!email || !phone) return sendText(res, 400, 'email and phone are required');
  const cart = kit.cartOf(req, res);
  // The context the purchase copy will carry: what the browser captured now, completed by
  // what the cart already knew (an earlier page may have seen `_ttp` this one did not).
  const context = refreshContext(cart.context, contextFromForm(form, kit.evidence(req)));
  const order = kit.state.placeOrder({ cartId: cart.id, email, phone, country, currency: kit.settings.currency, context });
  if (!order) return redirect(res, '/cart');
  const request: PaymentRequest = {
    order: order.id,
    amount: order.value.toFixed(2),
    currency: order.currency,
    returnUrl: `${kit.origin()}/payment/return`,
    notifyUrl: `${kit.origin()}/payment/webhook`,
  };
  const pay = new URL('/pay', kit.settings.paymentUrl);
  pay.searchParams.set('order', request.order);
  pay.searchParams.set('amount', request.amount);
  pay.searchParams.set('currency', request.currency);
  pay.searchParams.set('return', request.returnUrl);
  pay.searchParams.set('notify', request.notifyUrl);
  pay.searchParams.set('sig', sign(kit.settings.paymentSecret, requestParts(request)));
  redirect(res, pay.toString());
};
