/**
 * The event_id convention: one readable, deterministic id per business action, shared by
 * the pixel copy and the server copy so TikTok can deduplicate them (pixel id + event + event_id).
 * `eventId('ord', 10492, 'CompletePayment')` → `ord_10492_complete_payment`.
 * Always a string (TikTok rejects numbers with 40002), never personal data.
 */

/** Short prefixes for the business objects the design notes use. */
export const EVENT_ID_OBJECTS = { order: 'ord', cart: 'cart', lead: 'lead', checkout: 'chk', product: 'prd', search: 'srch', page: 'pv' } as const;
export type EventIdObject = keyof typeof EVENT_ID_OBJECTS;

/** TikTok accepts any string; we cap length so a caller's mistake cannot produce a huge key. */
export const MAX_EVENT_ID_LENGTH = 128;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const LOOKS_PERSONAL = /@|\s|^\+?\d[\d\s().-]{9,}$/;

/** `CompletePayment` → `complete_payment`; `add to cart` → `add_to_cart`. */
export function actionSlug(action: string): string {
  return action
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

export class EventIdError extends Error {
  override name = 'EventIdError';
}

/**
 * Builds `<object>_<id>_<action>`. `object` is a known object name (`order` → `ord`) or
 * any short prefix. Throws EventIdError when a part is empty or looks like personal data
 * (an email or phone number is never an id).
 */
export function eventId(object: EventIdObject | (string & {}), id: string | number, action: string): string {
  const prefix = (EVENT_ID_OBJECTS as Record<string, string>)[object] ?? actionSlug(object);
  const idText = typeof id === 'number' ? (Number.isFinite(id) ? String(id) : '') : String(id ?? '').trim();
  const slug = actionSlug(action);
  if (!prefix) throw new EventIdError('eventId: object is empty');
  if (!idText) throw new EventIdError('eventId: id is empty');
  if (!slug) throw new EventIdError('eventId: action is empty');
  if (LOOKS_PERSONAL.test(idText) || !SAFE_ID.test(idText)) {
    throw new EventIdError('eventId: id must be a business id made of letters, digits, ".", "_", ":" or "-" (never an email or phone number)');
  }
  const value = `${prefix}_${idText}_${slug}`;
  if (value.length > MAX_EVENT_ID_LENGTH) throw new EventIdError(`eventId: longer than ${MAX_EVENT_ID_LENGTH} characters`);
  return value;
}

/** `ord_<orderId>_<action>`, CompletePayment by default. */
export const orderEventId = (orderId: string | number, action = 'CompletePayment') => eventId('order', orderId, action);
/** `cart_<cartId>_<action>`, AddToCart by default. */
export const cartEventId = (cartId: string | number, action = 'AddToCart') => eventId('cart', cartId, action);
/** `lead_<leadId>_<action>`, `submit` by default (as in `lead_77821_submit`). */
export const leadEventId = (leadId: string | number, action = 'submit') => eventId('lead', leadId, action);

/**
 * A random id for actions without a business object (page views, searches). `randomHex`
 * is injected so core stays platform-free; without it a Math.random fallback is used,
 * which is unique enough for dedup keys (they only need to be unique per 48 h).
 */
export function randomEventId(prefix = 'evt', randomHex?: () => string): string {
  let hex = '';
  try {
    hex = randomHex ? randomHex() : '';
  } catch {
    hex = '';
  }
  if (!/^[0-9a-f]{16,}$/i.test(hex)) {
    hex = '';
    for (let i = 0; i < 4; i++) hex += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  }
  return `${prefix}_${Date.now().toString(36)}_${hex.slice(0, 24).toLowerCase()}`;
}

/** What TikTok will accept as an event_id and what we will put on the wire: a non-empty, bounded string without whitespace or '@'. */
export function isValidEventId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_EVENT_ID_LENGTH && !/[\s@]/.test(value);
}
