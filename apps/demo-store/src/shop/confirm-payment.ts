/**
 * The one place a purchase's server copy starts: the first confirmation that an order is
 * paid. Redirect return, webhook, reconciliation job — whoever comes first sends; the rest
 * are told it was already done. The copy is built from the order as stored.
 */
import type { Delivery, DeliveryRecord } from '../delivery.js';
import { orderEnvelope } from './envelopes.js';
import type { ShopState } from './shop-state.js';

export type ConfirmResult =
  | { ok: true; orderId: string; first: boolean; delivery?: DeliveryRecord }
  | { ok: false; reason: 'unknown_order' | 'order_cancelled' };

export async function confirmPayment(state: ShopState, delivery: Delivery, purchaseEvent: string, orderId: string, paymentId: string): Promise<ConfirmResult> {
  const paid = state.markPaid(orderId, paymentId);
  if (!paid.ok) return paid;
  if (!paid.first) return { ok: true, orderId, first: false };
  const record = await delivery.deliver(orderEnvelope(paid.order, purchaseEvent));
  return { ok: true, orderId, first: true, delivery: record };
}
