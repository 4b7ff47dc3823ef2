/**
 * HMAC signatures between the shop and the fake payment provider, as real providers do:
 * the shop signs the payment request (so the provider is not an open redirect), the
 * provider signs its result (so nobody can mark an order paid by typing a URL).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function sign(secret: string, parts: ReadonlyArray<string>): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest('hex');
}

export function verify(secret: string, parts: ReadonlyArray<string>, signature: string | undefined | null): boolean {
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  const expected = Buffer.from(sign(secret, parts), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** What the shop sends to the provider. */
export interface PaymentRequest {
  order: string;
  amount: string;
  currency: string;
  returnUrl: string;
  notifyUrl: string;
}

export const requestParts = (r: PaymentRequest) => ['request', r.order, r.amount, r.currency, r.returnUrl, r.notifyUrl];

/** What the provider reports back (redirect query and webhook body). */
export interface PaymentResult {
  order: string;
  payment: string;
  status: 'paid' | 'cancelled';
}

export const resultParts = (r: PaymentResult) => ['result', r.order, r.payment, r.status];
