/**
 * `data[i].properties` and `data[i].page`. Known keys are typed; custom keys are allowed
 * (TikTok's own templates add them), except a few that belong elsewhere.
 */
import { paramError, type Problem } from './codes.js';
import { isTikTokCurrency } from './currencies.js';

const STRING_PROPS = new Set(['description', 'order_id', 'shop_id', 'search_string', 'query', 'content_category', 'content_name']);
const CONTENT_STRINGS = new Set(['content_id', 'content_name', 'content_category', 'brand']);
const CONTENT_TYPES = new Set(['product', 'product_group']);
/** Identity never belongs in properties: it goes to `user` (and through identify in the browser). */
const PII_KEYS = new Set(['email', 'phone', 'phone_number', 'external_id']);

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function validateContent(item: unknown, path: string): Problem | undefined {
  if (!isMapping(item)) return paramError(path, 'Not a valid mapping type');
  for (const key in item) {
    const value = item[key];
    if (value === null) return paramError(`${path}.${key}`, 'Field may not be null');
    if (CONTENT_STRINGS.has(key)) {
      if (typeof value !== 'string') return paramError(`${path}.${key}`, 'Not a valid string');
    } else if (key === 'price') {
      if (!isNumber(value)) return paramError(`${path}.price`, 'Not a valid number');
    } else if (key === 'quantity') {
      if (!Number.isInteger(value)) return paramError(`${path}.quantity`, 'Not a valid integer');
    } else if (key === 'content_type') {
      // Legacy placement per item, tolerated by TikTok; v1.3 puts it at properties level.
      if (typeof value !== 'string' || !CONTENT_TYPES.has(value)) return paramError(`${path}.content_type`, 'Must be one of: product, product_group');
    } else {
      return paramError(`${path}.${key}`, 'Unknown field');
    }
  }
  return undefined;
}

export function validateProperties(props: unknown, path: string): Problem | undefined {
  if (!isMapping(props)) return paramError(path, 'Not a valid mapping type');
  for (const key in props) {
    const value = props[key];
    if (value === null) return paramError(`${path}.${key}`, 'Field may not be null');
    if (key === 'contents') {
      if (!Array.isArray(value)) return paramError(`${path}.contents`, 'Not a valid list');
      for (let i = 0; i < value.length; i++) {
        const problem = validateContent(value[i], `${path}.contents.${i}`);
        if (problem) return problem;
      }
    } else if (key === 'currency') {
      if (typeof value !== 'string') return paramError(`${path}.currency`, 'Not a valid string');
      if (!isTikTokCurrency(value)) return paramError(`${path}.currency`, "Not a supported currency (ISO-4217 code from TikTok's list, upper case)");
    } else if (key === 'value') {
      if (!isNumber(value)) return paramError(`${path}.value`, 'Not a valid number');
    } else if (key === 'num_items') {
      if (!Number.isInteger(value)) return paramError(`${path}.num_items`, 'Not a valid integer');
    } else if (key === 'content_type') {
      if (typeof value !== 'string' || !CONTENT_TYPES.has(value)) return paramError(`${path}.content_type`, 'Must be one of: product, product_group');
    } else if (key === 'content_ids') {
      if (!Array.isArray(value)) return paramError(`${path}.content_ids`, 'Not a valid list');
      for (let i = 0; i < value.length; i++) {
        if (typeof value[i] !== 'string') return paramError(`${path}.content_ids.${i}`, 'Not a valid string');
      }
    } else if (key === 'contents_ids') {
      return paramError(`${path}.contents_ids`, 'Unknown field. Did you mean content_ids?');
    } else if (STRING_PROPS.has(key)) {
      if (typeof value !== 'string') return paramError(`${path}.${key}`, 'Not a valid string');
    } else if (PII_KEYS.has(key)) {
      return paramError(`${path}.${key}`, 'Identity belongs in user, hashed, not in properties');
    }
    // Any other key is a custom parameter: allowed.
  }
  return undefined;
}

export function validatePage(page: unknown, path: string): Problem | undefined {
  if (!isMapping(page)) return paramError(path, 'Not a valid mapping type');
  for (const key in page) {
    const value = page[key];
    if (key !== 'url' && key !== 'referrer') return paramError(`${path}.${key}`, 'Unknown field');
    if (value === null) return paramError(`${path}.${key}`, 'Field may not be null');
    if (typeof value !== 'string') return paramError(`${path}.${key}`, 'Not a valid string');
  }
  return undefined;
}
