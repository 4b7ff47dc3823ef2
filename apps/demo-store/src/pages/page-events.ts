/**
 * Events a page fires on load. The server mints their event_ids (order/cart/lead/checkout
 * ids from core's convention, or a random id for views and searches) and renders them into
 * the page, so the pixel copy and the server copy cannot disagree.
 */
export interface PageEvent {
  event: string;
  eventId: string;
  properties?: Record<string, unknown>;
  /** Also hand the event to the backend's collect endpoint, which sends the server copy. */
  collect?: boolean;
}
