/**
 * The Pixel's `customData` from pixelpair's (TikTok-shaped) properties, as the server's
 * Conversions API copy builds `custom_data`: `contents[]` as `{ id, quantity, item_price }`,
 * `content_ids`, `search_string` from `query`; other keys pass through.
 */
type Content = Record<string, unknown>;

export function metaCustomData(properties: Record<string, unknown>): Record<string, unknown> {
  const { contents, query, description, ...out } = properties as Record<string, any>;
  if (contents?.length) {
    out.contents = contents.map((c: Content) => ({ id: String(c.content_id), quantity: typeof c.quantity === 'number' ? c.quantity : 1, item_price: typeof c.price === 'number' ? c.price : undefined }));
    out.content_ids ??= contents.map((c: Content) => String(c.content_id));
  }
  if (typeof query === 'string') out.search_string ??= query;
  return out;
}
