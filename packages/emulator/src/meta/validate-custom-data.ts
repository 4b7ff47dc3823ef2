/**
 * `data[i].custom_data` (reference A1 `custom_data`): typed commerce keys, custom keys allowed
 * (Meta accepts them), identity refused (it belongs hashed in user_data). `Purchase` needs
 * `value` and `currency` (M9).
 */
import { invalidParameter, type GraphError } from './graph-error.js';

/** ISO 4217 as the runtime's ICU knows it; Meta's doc example uses lower-case (`usd`), so case is ignored. */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

const STRINGS = new Set(['order_id', 'search_string', 'content_name', 'content_category', 'status', 'item_number']);
const NUMBERS = new Set(['value', 'predicted_ltv', 'net_revenue']);
const CONTENT_STRINGS = new Set(['title', 'description', 'brand', 'category']);
const DELIVERY = new Set(['in_store', 'curbside', 'home_delivery']);
const IDENTITY = new Set(['em', 'ph', 'email', 'phone', 'phone_number', 'external_id', 'fn', 'ln', 'client_ip_address', 'client_user_agent']);

const CONTENT_HINTS: Record<string, string> = {
  content_id: 'Unknown field. Meta names it contents[].id (content_id is TikTok\'s name)',
  price: 'Unknown field. Meta names it contents[].item_price (price is TikTok\'s name)',
  content_name: 'Unknown field. Meta names it contents[].title',
};

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function numberProblem(value: unknown, at: string): GraphError | undefined {
  if (typeof value === 'string') return invalidParameter(at, 'Not a number: send a JSON number, not a string');
  if (!isNumber(value)) return invalidParameter(at, 'Not a valid number');
  return undefined;
}

function validateContent(item: unknown, path: string): GraphError | undefined {
  if (!isMapping(item)) return invalidParameter(path, 'Not a valid object');
  for (const key in item) {
    const value = item[key];
    const at = `${path}.${key}`;
    if (value === null) return invalidParameter(at, 'Field may not be null: omit it instead');
    if (key === 'id') {
      if (typeof value !== 'string' || value.length === 0) return invalidParameter(at, 'Not a valid non-empty string');
    } else if (key === 'quantity') {
      if (!Number.isInteger(value) || (value as number) < 1) return invalidParameter(at, 'Not a positive integer');
    } else if (key === 'item_price') {
      const problem = numberProblem(value, at);
      if (problem) return problem;
    } else if (CONTENT_STRINGS.has(key)) {
      if (typeof value !== 'string') return invalidParameter(at, 'Not a valid string');
    } else if (key === 'delivery_category') {
      if (typeof value !== 'string' || !DELIVERY.has(value)) return invalidParameter(at, 'Must be one of: in_store, curbside, home_delivery');
    } else {
      return invalidParameter(at, CONTENT_HINTS[key] ?? 'Unknown field');
    }
  }
  if (item.id === undefined) return invalidParameter(`${path}.id`, 'Missing required field: each content needs id and quantity');
  if (item.quantity === undefined) return invalidParameter(`${path}.quantity`, 'Missing required field: each content needs id and quantity');
  return undefined;
}

export function validateCustomData(customData: unknown, path: string, eventName: string): GraphError | undefined {
  if (customData === undefined) {
    return eventName === 'Purchase' ? invalidParameter(`${path}.value`, 'Missing required field: Purchase needs custom_data.value and custom_data.currency') : undefined;
  }
  if (!isMapping(customData)) return invalidParameter(path, 'Not a valid object');
  for (const key in customData) {
    const value = customData[key];
    const at = `${path}.${key}`;
    if (value === null) return invalidParameter(at, 'Field may not be null: omit it instead');
    if (NUMBERS.has(key)) {
      const problem = numberProblem(value, at);
      if (problem) return problem;
    } else if (key === 'currency') {
      if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) return invalidParameter(at, 'Not a three-letter ISO 4217 currency code');
      if (!ISO_4217.has(value.toUpperCase())) return invalidParameter(at, 'Not an ISO 4217 currency code');
    } else if (key === 'contents') {
      if (!Array.isArray(value)) return invalidParameter(at, 'Not a valid list');
      for (let i = 0; i < value.length; i++) {
        const problem = validateContent(value[i], `${at}[${i}]`);
        if (problem) return problem;
      }
    } else if (key === 'content_ids') {
      if (!Array.isArray(value)) return invalidParameter(at, 'Not a valid list of strings');
      const bad = value.findIndex((id) => typeof id !== 'string' || id.length === 0);
      if (bad >= 0) return invalidParameter(`${at}[${bad}]`, 'Not a valid non-empty string');
    } else if (key === 'content_type') {
      if (value !== 'product' && value !== 'product_group') return invalidParameter(at, 'Must be one of: product, product_group');
    } else if (key === 'num_items') {
      if (!Number.isInteger(value) || (value as number) < 0) return invalidParameter(at, 'Not a non-negative integer');
    } else if (STRINGS.has(key)) {
      if (typeof value !== 'string') return invalidParameter(at, 'Not a valid string');
    } else if (IDENTITY.has(key)) {
      return invalidParameter(at, 'Identity does not belong in custom_data: send it hashed in user_data');
    }
    // Any other key is a custom property, which Meta accepts.
  }
  if (eventName === 'Purchase') {
    if (customData.value === undefined) return invalidParameter(`${path}.value`, 'Missing required field: Purchase needs custom_data.value and custom_data.currency');
    if (customData.currency === undefined) return invalidParameter(`${path}.currency`, 'Missing required field: Purchase needs custom_data.value and custom_data.currency');
  }
  return undefined;
}
