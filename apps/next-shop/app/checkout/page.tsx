import { cookies } from 'next/headers';
import Link from 'next/link';
import { CheckoutForm } from '../../components/checkout-form';
import { findCart, price, total } from '../../lib/shop';

export default async function Checkout() {
  const cart = findCart((await cookies()).get('cart_id')?.value);
  if (!cart || cart.lines.length === 0) return <p>Your cart is empty. <Link href="/">Shop</Link></p>;
  return (
    <>
      <h1>Checkout</h1>
      <ul>
        {cart.lines.map((l) => (
          <li key={l.product.id}>{l.quantity} × {l.product.name} — {price(l.product.price * l.quantity)}</li>
        ))}
      </ul>
      <p>Total: {price(total(cart.lines))}</p>
      <CheckoutForm />
    </>
  );
}
