/** A stand-in for your payment provider's page. Paying confirms the order, which sends the purchase's server copy. */
import { notFound } from 'next/navigation';
import { confirmPayment } from '../../actions';
import { findOrder, price } from '../../../lib/shop';

export default async function Pay({ params }: { params: Promise<{ orderId: string }> }) {
  const order = findOrder((await params).orderId);
  if (!order) notFound();
  return (
    <>
      <h1>FakePay</h1>
      <p>Order {order.id}: {price(order.value)}</p>
      <form action={confirmPayment.bind(null, order.id)}>
        <button type="submit">Pay {price(order.value)}</button>
      </form>
    </>
  );
}
