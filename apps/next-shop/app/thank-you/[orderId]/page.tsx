import { notFound } from 'next/navigation';
import { TrackPurchase } from '../../../components/track-purchase';
import { CURRENCY, findOrder, price } from '../../../lib/shop';

export default async function ThankYou({ params }: { params: Promise<{ orderId: string }> }) {
  const order = findOrder((await params).orderId);
  if (!order?.paidAt) notFound();
  const contents = order.lines.map((l) => ({ content_id: l.product.id, quantity: l.quantity, price: l.product.price }));
  return (
    <>
      <h1>Thank you</h1>
      <p>
        Order <span id="order-id">{order.id}</span> is paid: {price(order.value)}.
      </p>
      <TrackPurchase orderId={order.id} value={order.value} currency={CURRENCY} contents={contents} />
    </>
  );
}
