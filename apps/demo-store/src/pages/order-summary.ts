/** The lines and totals of a cart or an order, as the cart, checkout and thank-you pages show them. */
import { CURRENCY, money } from '../shop/catalog.js';
import type { CartLine } from '../shop/shop-state.js';
import { esc, formatMoney } from './html.js';
import { productImage } from './product-card.js';

export const linesValue = (lines: readonly CartLine[]): number => money(lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0));

export const itemCount = (lines: readonly CartLine[]): number => lines.reduce((n, l) => n + l.quantity, 0);

/** One line; `controls` is the cart's quantity form (none at checkout or after paying). */
export function lineItem(line: CartLine, controls = ''): string {
  const p = line.product;
  return `<li class="line" data-sku="${esc(p.id)}">${productImage(p)}
<div class="what"><a href="/products/${esc(p.id)}">${esc(p.name)}</a><span class="muted small">${esc(formatMoney(p.price, CURRENCY))} each${controls ? '' : ` · qty ${line.quantity}`}</span></div>
<span class="total">${esc(formatMoney(p.price * line.quantity, CURRENCY))}</span>${controls ? `<div class="controls">${controls}</div>` : ''}</li>`;
}

/** Subtotal, shipping (always free here) and the total charged. */
export function totals(lines: readonly CartLine[], options: { currency?: string; totalId?: string } = {}): string {
  const total = formatMoney(linesValue(lines), options.currency ?? CURRENCY);
  return `<dl class="sums"><dt>Subtotal (${itemCount(lines)} item${itemCount(lines) === 1 ? '' : 's'})</dt><dd>${esc(total)}</dd>
<dt>Shipping</dt><dd>Free</dd><dt class="grand">Total</dt><dd class="grand" id="${options.totalId ?? 'order-total'}">${esc(total)}</dd></dl>`;
}

/** A read-only summary panel (checkout, thank-you). */
export function orderSummary(lines: readonly CartLine[], heading = 'Order summary', currency = CURRENCY): string {
  return `<aside class="panel" id="order-summary" aria-label="${esc(heading)}"><h2>${esc(heading)}</h2><ul class="lines">${lines.map((l) => lineItem(l)).join('')}</ul>${totals(lines, { currency })}</aside>`;
}
