/**
 * Meta's `custom_data` from the shared commerce properties: `contents[]` with `id`, `quantity`
 * and `item_price`, `content_ids`, `num_items`, `order_id`, `search_string`; custom keys pass
 * through. TikTok-only spellings (`query`) stay out.
 */
import type { MetaContent } from './wire.js';

const RENAMED = new Set(['contents', 'query', 'search_string', 'description']);

export function metaCustomData(properties: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) if (!RENAMED.has(key) && value !== undefined) out[key] = value;
  const contents = properties.contents as Array<Record<string, unknown>> | undefined;
  if (contents?.length) {
    out.contents = contents.map((c): MetaContent => {
      const item: MetaContent = { id: String(c.content_id), quantity: typeof c.quantity === 'number' ? c.quantity : 1 };
      if (typeof c.price === 'number') item.item_price = c.price;
      if (typeof c.content_name === 'string') item.title = c.content_name;
      if (typeof c.content_category === 'string') item.category = c.content_category;
      if (typeof c.brand === 'string') item.brand = c.brand;
      return item;
    });
    if (!out.content_ids) out.content_ids = contents.map((c) => String(c.content_id));
  }
  const search = properties.search_string ?? properties.query;
  if (typeof search === 'string') out.search_string = search;
  return Object.keys(out).length ? out : undefined;
}
