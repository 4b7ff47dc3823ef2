'use client';
/**
 * The Pixel copy of the purchase. `orderEventId(orderId)` gives `ord_<id>_complete_payment`,
 * the id the server copy was sent with, so TikTok counts the pair once. A reload fires the
 * same id again, which TikTok also deduplicates.
 */
import { orderEventId, track } from '@pixelpair/browser';
import { useEffect, useRef } from 'react';

interface Props {
  orderId: string;
  value: number;
  currency: string;
  contents: Array<{ content_id: string; quantity: number; price: number }>;
}

export function TrackPurchase({ orderId, value, currency, contents }: Props) {
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return; // React's development double-run
    sent.current = true;
    track('CompletePayment', { value, currency, content_type: 'product', contents }, { eventId: orderEventId(orderId) });
  }, [orderId, value, currency, contents]);
  return null;
}
