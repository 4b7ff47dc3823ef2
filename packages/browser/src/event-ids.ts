/**
 * Core's event_id convention for the browser (`ord_<id>_complete_payment`, `cart_…`,
 * `lead_…`), guarded like every public entry: core refuses an id that looks like personal
 * data (an email, a phone number) by throwing, which must not reach the host page. The
 * browser warns instead (with `debug`, or in a development build) and returns a random id,
 * so the Pixel copy still goes out; the server twin, which mints the same id from the same
 * input, refuses it loudly there.
 */
import * as core from '@pixelpair/core';
import { safe } from './log.js';
import { resolveEventId } from './id.js';

const random = (): string => resolveEventId();

export const eventId: typeof core.eventId = /* @__PURE__ */ safe(core.eventId, random);
export const orderEventId: typeof core.orderEventId = /* @__PURE__ */ safe(core.orderEventId, random);
export const cartEventId: typeof core.cartEventId = /* @__PURE__ */ safe(core.cartEventId, random);
export const leadEventId: typeof core.leadEventId = /* @__PURE__ */ safe(core.leadEventId, random);
