/**
 * Browser hand-offs (beacons to /collect) turned into envelopes. The browser speaks the
 * Pixel's property names (`content_id`, `content_type`); envelopes use pixelpair's
 * (`contentId`, `contentType`). Only browsing events may arrive this way: purchases and
 * leads are sent from the backend's own records, never from values the browser claims.
 */
import { userFrom, type Envelope } from './envelopes.js';
import type { StoredContext } from './stored-context.js';

export const COLLECTABLE_EVENTS = new Set(['ViewContent', 'AddToCart', 'InitiateCheckout', 'Search']);

const CONTENT_KEYS: Record<string, string> = {
  content_id: 'contentId', content_name: 'contentName', content_category: 'contentCategory', brand: 'brand', price: 'price', quantity: 'quantity',
};

function contents(list: unknown): Array<Record<string, unknown>> | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.slice(0, 50).map((item) => {
    const out: Record<string, unknown> = {};
    if (item && typeof item === 'object') {
      for (const [from, to] of Object.entries(CONTENT_KEYS)) {
        const value = (item as Record<string, unknown>)[from];
        if (value !== undefined) out[to] = value;
      }
    }
    return out;
  });
}

export function handoffProperties(props: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!props) return {};
  const out: Record<string, unknown> = {};
  if (typeof props.value === 'number') out.value = props.value;
  if (typeof props.currency === 'string') out.currency = props.currency;
  if (typeof props.content_type === 'string') out.contentType = props.content_type;
  if (typeof props.query === 'string') out.query = props.query;
  const items = contents(props.contents);
  if (items) out.contents = items;
  return out;
}

export function handoffEnvelope(event: string, eventId: string, properties: Record<string, unknown> | undefined, ctx: StoredContext, now = Date.now()): Envelope {
  const envelope: Envelope = { event, eventId, eventTime: Math.floor(now / 1000), user: userFrom(ctx), properties: handoffProperties(properties), consent: { ...ctx.consent } };
  if (ctx.page.url || ctx.page.referrer) envelope.page = { ...ctx.page };
  return envelope;
}
