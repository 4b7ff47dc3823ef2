/** Checkout and thank-you: the buying half of the shop (the cart is in cart-page.ts). */
import { CURRENCY } from '../shop/catalog.js';
import type { Cart, Order } from '../shop/shop-state.js';
import { esc, formatMoney } from './html.js';
import { cartPage } from './cart-page.js';
import { contentOf } from './page-content.js';
import type { PageContent } from './page-content.js';
import { linesValue, orderSummary } from './order-summary.js';

export { cartPage } from './cart-page.js';

const COUNTRY_OPTIONS = [['DE', 'Germany'], ['FR', 'France'], ['GB', 'United Kingdom'], ['US', 'United States']]
  .map(([code, name]) => `<option value="${code}">${name}</option>`).join('');

/** InitiateCheckout on load; the form carries email and phone plus the hidden context fields. */
export function checkoutPage(cart: Cart, checkoutEventId: string): PageContent {
  if (cart.lines.length === 0) return cartPage(cart);
  return {
    title: 'Checkout',
    section: 'checkout',
    body: `<h1>Checkout</h1><div class="columns">
<form method="post" action="/checkout" id="checkout-form" class="panel" data-identify>
<h2>Your details</h2><p class="muted small">We send your receipt and shipping updates here.</p>
<label class="field">Email <input type="email" name="email" required autocomplete="email" placeholder="you@example.com"></label>
<label class="field">Phone <input type="tel" name="phone" required autocomplete="tel" placeholder="+49 170 1234567"></label>
<label class="field">Country <select name="country" autocomplete="country">${COUNTRY_OPTIONS}</select></label>
<button type="submit" id="pay-button" class="accent full">Continue to payment · ${esc(formatMoney(linesValue(cart.lines), CURRENCY))}</button>
<p class="muted small cta">You pay on FakePay, our (pretend) payment partner, and come straight back here.</p>
<p class="small"><a href="/cart">← Back to cart</a></p></form>
${orderSummary(cart.lines)}</div>`,
    events: [{
      event: 'InitiateCheckout',
      eventId: checkoutEventId,
      collect: true,
      properties: { content_type: 'product', currency: CURRENCY, value: linesValue(cart.lines), contents: cart.lines.map((l) => contentOf(l.product, l.quantity)) },
    }],
  };
}

/** The purchase event fires here with `ord_<orderId>_…`; a reload fires the same id again (TikTok dedups). */
export function thankYouPage(order: Order, purchaseEvent: string, purchaseEventId: string): PageContent {
  if (order.status !== 'paid') {
    return {
      title: 'Payment pending',
      section: 'checkout',
      body: `<h1>Payment pending</h1><p id="order-status" class="notice info">Order ${esc(order.id)} is waiting for payment confirmation.</p><p><a href="/cart">Back to your cart</a></p>`,
    };
  }
  return {
    title: 'Thank you',
    section: 'checkout',
    body: `<div class="columns"><section>
<h1>Thank you, your order is confirmed</h1>
<p id="order-status" class="notice ok">Order <strong id="order-id">${esc(order.id)}</strong> is paid: ${esc(formatMoney(order.value, order.currency))}.</p>
<p>We will email your receipt and send tracking details when the parcel leaves us, usually within two working days.</p>
<p><a class="button ghost" href="/products">Keep shopping</a></p>
<p class="demo-note">pixelpair demo: this page fired <code id="purchase-event">${esc(purchaseEvent)}</code> with event_id <code id="purchase-event-id">${esc(purchaseEventId)}</code>; the server sent its copy with the same id when the payment was confirmed.</p>
</section>${orderSummary(order.lines, 'Your order', order.currency)}</div>`,
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
