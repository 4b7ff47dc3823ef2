/** Cart, checkout and thank-you: the buying half of the shop. */
import { CURRENCY, money } from '../shop/catalog.js';
import type { Cart, Order } from '../shop/shop-state.js';
import { esc, formatMoney } from './html.js';
import type { PageContent } from './catalog-pages.js';
import { contentOf } from './catalog-pages.js';

const lineRows = (lines: Cart['lines']) =>
  lines.map((l) => `<tr><td>${esc(l.product.name)}</td><td>${l.quantity}</td><td>${esc(formatMoney(l.product.price * l.quantity, CURRENCY))}</td></tr>`).join('');

const cartValue = (cart: Cart) => money(cart.lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0));

export function cartPage(cart: Cart): PageContent {
  if (cart.lines.length === 0) return { title: 'Cart', body: '<h1>Your cart</h1><p id="empty-cart">Your cart is empty. <a href="/products">Browse products</a>.</p>' };
  return {
    title: 'Cart',
    body: `<h1>Your cart</h1><table id="cart-lines">${lineRows(cart.lines)}</table>
<p>Total: <strong id="cart-total">${esc(formatMoney(cartValue(cart), CURRENCY))}</strong></p>
<p><a class="button" href="/checkout" id="go-checkout">Checkout</a></p>`,
  };
}

/** InitiateCheckout on load; the form carries email and phone plus the hidden context fields. */
export function checkoutPage(cart: Cart, checkoutEventId: string): PageContent {
  if (cart.lines.length === 0) return cartPage(cart);
  return {
    title: 'Checkout',
    body: `<h1>Checkout</h1><table>${lineRows(cart.lines)}</table>
<form method="post" action="/checkout" id="checkout-form" data-identify>
<label>Email <input type="email" name="email" required autocomplete="email"></label>
<label>Phone <input type="tel" name="phone" required autocomplete="tel" placeholder="+49 170 1234567"></label>
<label>Country <select name="country"><option value="DE">Germany</option><option value="FR">France</option><option value="GB">United Kingdom</option><option value="US">United States</option></select></label>
<button type="submit" id="pay-button">Continue to payment</button></form>`,
    events: [{
      event: 'InitiateCheckout',
      eventId: checkoutEventId,
      collect: true,
      properties: { content_type: 'product', currency: CURRENCY, value: cartValue(cart), contents: cart.lines.map((l) => contentOf(l.product, l.quantity)) },
    }],
  };
}

/** The purchase event fires here with `ord_<orderId>_…`; a reload fires the same id again (TikTok dedups). */
export function thankYouPage(order: Order, purchaseEvent: string, purchaseEventId: string): PageContent {
  if (order.status !== 'paid') {
    return { title: 'Payment pending', body: `<h1>Payment pending</h1><p id="order-status">Order ${esc(order.id)} is waiting for payment confirmation.</p>` };
  }
  return {
    title: 'Thank you',
    body: `<h1>Thank you!</h1><p id="order-status">Order <strong id="order-id">${esc(order.id)}</strong> is paid: ${esc(formatMoney(order.value, order.currency))}.</p>
<p>Event <code id="purchase-event">${esc(purchaseEvent)}</code> with event_id <code id="purchase-event-id">${esc(purchaseEventId)}</code>.</p>`,
    events: [{
      event: purchaseEvent,
      eventId: purchaseEventId,
      properties: {
        content_type: 'product', currency: order.currency, value: order.value, order_id: order.id,
        contents: order.lines.map((l) => contentOf(l.product, l.quantity)),
      },
    }],
  };
}
