'use server';
/**
 * Server actions: the cart, the order, and the payment confirmation that sends the purchase's
 * server copy. Ids are minted here, on the server, so the browser and the backend can never
 * disagree about them.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { actionRequestContext, browserContextFrom, evidenceFrom } from '../lib/evidence';
import { purchaseEnvelope, sendServerCopy } from '../lib/pixelpair';
import { addLine, cart, CURRENCY, findCart, findOrder, findProduct, markPaid, placeOrder } from '../lib/shop';

const CART_COOKIE = 'cart_id';

/** Adds one item; the client tracks AddToCart with the returned event_id and hands it over to /api/pixelpair. */
export async function addToCart(productId: string) {
  const product = findProduct(productId);
  if (!product) throw new Error(`no product ${productId}`);
  const jar = await cookies();
  const c = cart(jar.get(CART_COOKIE)?.value);
  jar.set(CART_COOKIE, c.id, { httpOnly: true, sameSite: 'lax', path: '/' });
  const eventId = addLine(c, product);
  return { eventId, items: c.lines.reduce((n, l) => n + l.quantity, 0), properties: { value: product.price, currency: CURRENCY, content_type: 'product', contents: [{ content_id: product.id, quantity: 1, price: product.price }] } };
}

/** The checkout form: stores the order with the browser's context (hidden `pp_context`) and the request's. */
export async function checkout(form: FormData) {
  const c = findCart((await cookies()).get(CART_COOKIE)?.value);
  const email = String(form.get('email') ?? '').trim();
  if (!c || c.lines.length === 0 || !email) redirect('/checkout');
  const evidence = { ...c.evidence, ...evidenceFrom(browserContextFrom(form), await actionRequestContext()) };
  const order = placeOrder(c, email, evidence);
  (await cookies()).delete(CART_COOKIE);
  redirect(`/pay/${order.id}`);
}

/**
 * Stands in for your payment provider's confirmation (in production: its webhook route, which
 * calls the same three lines). The purchase copy goes out once, however often it confirms.
 */
export async function confirmPayment(orderId: string) {
  const order = findOrder(orderId);
  if (!order) redirect('/');
  if (markPaid(order)) sendServerCopy(purchaseEnvelope(order));
  redirect(`/thank-you/${order.id}`);
}
