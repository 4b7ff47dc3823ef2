/**
 * Server copies as pixelpair envelopes, built only from what the shop stored: the order's
 * lines and totals (the backend's truth, not the browser's), and the context captured on
 * the cart/order. The event_id comes from the same core helper the thank-you page uses.
 */
import { leadEventId, orderEventId } from '@pixelpair/core';
import type { ConsentState } from '@pixelpair/core';
import { CLICK_EVIDENCE_KEYS, type StoredContext } from './stored-context.js';
import { customerId } from './shop-state.js';
import type { Lead, Order } from './shop-state.js';

/** The envelope shape of @pixelpair/server (kept structural so the demo reads as plain data). */
export interface Envelope {
  event: string;
  eventId: string;
  eventTime: number;
  user: {
    email?: string;
    phone?: string;
    externalId?: string;
    ttclid?: string;
    ttp?: string;
    fbc?: string;
    fbp?: string;
    gclid?: string;
    gbraid?: string;
    wbraid?: string;
    ip?: string;
    userAgent?: string;
    locale?: string;
    country?: string;
  };
  page?: { url?: string; referrer?: string };
  properties?: Record<string, unknown>;
  /** The consent state as captured (undecided included): the server twin's policy decides what leaves. */
  consent?: ConsentState;
}

/** The browser and request context stored on a cart, order or lead, as envelope user fields. */
export function userFrom(ctx: StoredContext): Envelope['user'] {
  const user: Envelope['user'] = {};
  for (const key of CLICK_EVIDENCE_KEYS) {
    const value = ctx[key];
    if (value) user[key] = value;
  }
  if (ctx.ip) user.ip = ctx.ip;
  if (ctx.userAgent) user.userAgent = ctx.userAgent;
  if (ctx.locale) user.locale = ctx.locale;
  return user;
}

function withContext(envelope: Omit<Envelope, 'user'> & { user: Envelope['user'] }, ctx: StoredContext): Envelope {
  const page = ctx.page.url || ctx.page.referrer ? { ...ctx.page } : undefined;
  return { ...envelope, ...(page ? { page } : {}), consent: { ...ctx.consent } };
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The purchase copy (CompletePayment or Purchase), event time = when the order was paid. */
export function orderEnvelope(order: Order, eventName: string): Envelope {
  const user = { ...userFrom(order.context), email: order.email, phone: order.phone, externalId: customerId(order), country: order.country };
  return withContext(
    {
      event: eventName,
      eventId: orderEventId(order.id, eventName),
      eventTime: seconds(order.paidAt ?? order.createdAt),
      user,
      properties: {
        value: order.value,
        currency: order.currency,
        contentType: 'product',
        orderId: order.id,
        contents: order.lines.map((l) => ({
          contentId: l.product.id,
          quantity: l.quantity,
          price: l.product.price,
          contentName: l.product.name,
          contentCategory: l.product.category,
          brand: l.product.brand,
        })),
      },
    },
    order.context,
  );
}

/** The lead copy (SubmitForm or Lead), sent when the form is stored. */
export function leadEnvelope(lead: Lead, eventName: string): Envelope {
  return withContext(
    {
      event: eventName,
      eventId: leadEventId(lead.id),
      eventTime: seconds(lead.createdAt),
      user: { ...userFrom(lead.context), email: lead.email, externalId: `lead_${lead.id}` },
      properties: { description: 'newsletter-and-fitting-request' },
    },
    lead.context,
  );
}
