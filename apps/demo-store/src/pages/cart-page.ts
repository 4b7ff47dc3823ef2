/** The cart: change a quantity or remove a line (plain forms, no script needed), then check out. */
import type { Cart } from '../shop/shop-state.js';
import { MAX_LINE_QUANTITY } from '../shop/shop-state.js';
import { esc } from './html.js';
import type { PageContent } from './page-content.js';
import { lineItem, totals } from './order-summary.js';

/** Messages a redirect can ask the cart to show (by key, so no text is reflected from the URL). */
export const CART_NOTICES = {
  'payment-cancelled': { kind: 'info', text: 'Payment cancelled: you have not been charged. Your items are still in your cart.' },
  updated: { kind: 'ok', text: 'Your cart was updated.' },
  removed: { kind: 'ok', text: 'The item was removed from your cart.' },
} as const;

export type CartNotice = keyof typeof CART_NOTICES;

export const isCartNotice = (value: string | null): value is CartNotice => value !== null && Object.hasOwn(CART_NOTICES, value);

function quantityForm(productId: string, quantity: number): string {
  return `<form method="post" action="/cart/update" class="quantity-form"><input type="hidden" name="product" value="${esc(productId)}">
<label class="small">Qty <input type="number" name="quantity" value="${quantity}" min="0" max="${MAX_LINE_QUANTITY}" inputmode="numeric" aria-label="Quantity"></label>
<button type="submit" class="ghost" data-cart="update">Update</button><button type="submit" class="link" name="remove" value="1" data-cart="remove">Remove</button></form>`;
}

export function cartPage(cart: Cart, notice?: CartNotice): PageContent {
  const message = notice ? `<p class="notice ${CART_NOTICES[notice].kind}" role="status" id="cart-notice">${esc(CART_NOTICES[notice].text)}</p>` : '';
  if (cart.lines.length === 0) {
    return {
      title: 'Cart',
      section: 'cart',
      body: `<h1>Your cart</h1>${message}<div class="panel"><p id="empty-cart">Your cart is empty.</p><a class="button" href="/products">Browse products</a></div>`,
    };
  }
  return {
    title: 'Cart',
    section: 'cart',
    body: `<h1>Your cart</h1>${message}<div class="columns">
<section class="panel"><ul class="lines" id="cart-lines">${cart.lines.map((l) => lineItem(l, quantityForm(l.product.id, l.quantity))).join('')}</ul></section>
<aside class="panel"><h2>Summary</h2>${totals(cart.lines, { totalId: 'cart-total' })}
<p class="cta"><a class="button accent full" href="/checkout" id="go-checkout">Checkout</a></p>
<p class="muted small">Guest checkout. You pay on our payment partner's page.</p></aside></div>`,
  };
}
