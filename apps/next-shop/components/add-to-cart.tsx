'use client';
/**
 * The Pixel copy of AddToCart, with the event_id the server minted for this add, then the
 * hand-off of the same id (and the browser's context) to /api/pixelpair, which sends the
 * server copy.
 */
import { beacon, track } from '@pixelpair/browser';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { addToCart } from '../app/actions';

export function AddToCart({ productId }: { productId: string }) {
  const [items, setItems] = useState(0);
  const [pending, startTransition] = useTransition();
  const add = () =>
    startTransition(async () => {
      const added = await addToCart(productId);
      const eventId = track('AddToCart', added.properties, { eventId: added.eventId });
      beacon({ event: 'AddToCart', eventId });
      setItems(added.items);
    });
  return (
    <div className="add">
      <button type="button" onClick={add} disabled={pending}>Add to cart</button>
      {items > 0 && <Link href="/checkout">Checkout ({items})</Link>}
    </div>
  );
}
