/**
 * The collect endpoint the browser hands events to (`beacon`, `init({ collectUrl: '/api/pixelpair' })`).
 * createCollectHandler is Fetch-native, so a route handler is one line around it: it checks the
 * origin, rate-limits per IP, caps the body, validates the hand-off, and re-sets the ttclid /
 * _ttp cookies from the server so they outlive Safari's 7-day cap on script-written cookies.
 */
import { createCollectHandler } from '@pixelpair/server';
import { cookies } from 'next/headers';
import { evidenceFrom, peerAddress } from '../../../lib/evidence';
import { addToCartEnvelope, sendServerCopy } from '../../../lib/pixelpair';
import { findCart } from '../../../lib/shop';

const collect = createCollectHandler({
  // Next.js builds route handlers' request.url on `localhost` whatever the Host header, so the
  // handler's same-origin default holds only on http://localhost:3000: name the shop's origins.
  allowedOrigins: process.env.SHOP_ORIGIN?.split(',').map((o) => o.trim()),
  async onEvent(handoff, ctx) {
    // Only an add this shopper's cart really made is sent, with the product from the catalogue.
    const cart = findCart((await cookies()).get('cart_id')?.value);
    const product = cart?.added.get(handoff.eventId);
    // Anything else is answered 200 `{ ignored }` (and sets no cookies): purchases come from the order.
    if (!cart || !product || handoff.event !== 'AddToCart') return { ignored: 'not an add this cart made' };
    cart.evidence = evidenceFrom(handoff.context, ctx);
    sendServerCopy(addToCartEnvelope(handoff.eventId, product, cart.evidence));
    return undefined;
  },
});

export function POST(request: Request): Promise<Response> {
  return collect(request, { remoteAddress: peerAddress(request.headers) });
}
