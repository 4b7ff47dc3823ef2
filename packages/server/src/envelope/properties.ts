/**
 * Envelope `properties` → wire `properties` (snake_case, TikTok v1.3): content ids as
 * strings, `content_type` at properties level, currency checked against TikTok's list,
 * `query` also sent as `search_string` (v1.3 docs name one, TikTok's templates the other).
 * Custom keys pass through: the schema has already refused null, nested values, identity
 * keys and personal data in them (TikTok answers 40002 to the first two).
 */
import { sameAction } from '@pixelpair/core';
import { formatPath } from './issues.js';
import type { EnvelopeProperties } from './schema.js';
import type { Issue } from '../types.js';

const KNOWN = new Set(['value', 'currency', 'contentType', 'contents', 'contentIds', 'numItems', 'orderId', 'query', 'description']);
/** Set by the consent policy; an envelope must not forge them. */
const RESERVED = new Set(['ad_user_data', 'ad_personalization', 'limited_data_use']);

export interface BuiltProperties {
  properties: Record<string, unknown>;
  errors: Issue[];
  warnings: Issue[];
}

export function buildProperties(event: string, input: EnvelopeProperties | undefined): BuiltProperties {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const out: Record<string, unknown> = {};
  const p = input ?? {};
  // The currency list itself is checked by the schema.
  if (p.currency !== undefined) out.currency = p.currency;
  if (p.value !== undefined) out.value = p.value;
  if (p.value !== undefined && p.currency === undefined) warnings.push({ path: 'properties.currency', message: 'value without currency: TikTok cannot report revenue' });
  if (sameAction(event, 'Purchase') && p.value === undefined) warnings.push({ path: 'properties.value', message: 'purchase without value: revenue will not be reported' });
  if (p.contentType) out.content_type = p.contentType;
  if (p.contents) {
    out.contents = p.contents.map((c) => {
      const item: Record<string, unknown> = { content_id: c.contentId };
      if (c.quantity !== undefined) item.quantity = c.quantity;
      if (c.price !== undefined) item.price = c.price;
      if (c.contentName !== undefined) item.content_name = c.contentName;
      if (c.contentCategory !== undefined) item.content_category = c.contentCategory;
      if (c.brand !== undefined) item.brand = c.brand;
      return item;
    });
  }
  if (p.contentIds) out.content_ids = p.contentIds;
  if (p.numItems !== undefined) out.num_items = p.numItems;
  if (p.orderId) out.order_id = p.orderId;
  if (p.query !== undefined) {
    out.query = p.query;
    out.search_string = p.query;
  }
  if (p.description !== undefined) out.description = p.description;
  for (const [key, value] of Object.entries(p)) {
    if (KNOWN.has(key) || value === undefined) continue;
    if (RESERVED.has(key)) warnings.push({ path: `properties.${key}`, message: 'set by the consent policy: ignored' });
    else if (['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    else errors.push({ path: formatPath(['properties', key]), message: 'custom properties must be strings, numbers or booleans' });
  }
  return { properties: out, errors, warnings };
}
