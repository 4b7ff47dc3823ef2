/**
 * One table for event names across platforms. Deduplication needs the browser copy and the
 * server copy of one action to carry the same name *on each platform*, and the platforms
 * spell some names differently (TikTok `Pageview`, Meta `PageView`; TikTok's legacy
 * `CompletePayment` is Meta's `Purchase`). Custom names pass as they are.
 */
import type { DestinationId } from './destinations.js';
import { LEGACY_EVENTS, PAGE_VIEW, isLegacyEvent, isStandardEvent } from './event-names.js';

/** Meta Pixel standard events (Meta Pixel reference; destinations.md A5). */
export const META_STANDARD_EVENTS = [
  'AddPaymentInfo', 'AddToCart', 'AddToWishlist', 'CompleteRegistration', 'Contact', 'CustomizeProduct', 'Donate',
  'FindLocation', 'InitiateCheckout', 'Lead', 'PageView', 'Purchase', 'Schedule', 'Search', 'StartTrial',
  'SubmitApplication', 'Subscribe', 'ViewContent',
] as const;
const metaStandard = new Set<string>(META_STANDARD_EVENTS);

/**
 * Google Ads conversion-action categories for the standard names (destinations.md Part D).
 * Google has no event name: the conversion action is the event's identity, so this is only
 * a hint for configuring actions.
 */
export const GOOGLE_CATEGORIES: Readonly<Record<string, string>> = {
  Purchase: 'PURCHASE', AddToCart: 'ADD_TO_CART', InitiateCheckout: 'BEGIN_CHECKOUT', Lead: 'SUBMIT_LEAD_FORM',
  CompleteRegistration: 'SIGNUP', Subscribe: 'SUBSCRIBE_PAID', Contact: 'CONTACT', Schedule: 'BOOK_APPOINTMENT',
  FindLocation: 'GET_DIRECTIONS', ViewContent: 'PAGE_VIEW', PageView: 'PAGE_VIEW', Download: 'DOWNLOAD',
};

export interface PlatformEventName {
  /** The name this platform's pixel and server API must both carry. */
  name: string;
  /** False for a custom event (Meta then needs `fbq('trackCustom', …)`). */
  standard: boolean;
}

/** The platform-neutral name of an action: legacy names and Meta's spellings resolve to the current standard one. */
export function canonicalEventName(name: string): string {
  if (name === 'PageView' || name === PAGE_VIEW) return 'PageView';
  if (isLegacyEvent(name)) return LEGACY_EVENTS[name] ?? name;
  return name;
}

/**
 * The name to send to `destination` for an action named `name` by the app (in any platform's
 * spelling). TikTok keeps the app's own name (legacy names are still accepted there and the
 * pixel uses the same one); Meta gets its standard spelling, or the name as a custom event.
 */
export function eventNameFor(destination: DestinationId, name: string): PlatformEventName {
  if (destination === 'tiktok') {
    if (name === 'PageView') return { name: PAGE_VIEW, standard: true };
    return { name, standard: name === PAGE_VIEW || isStandardEvent(name) || isLegacyEvent(name) };
  }
  const canonical = canonicalEventName(name);
  if (destination === 'meta') return metaStandard.has(canonical) ? { name: canonical, standard: true } : { name, standard: false };
  return { name: canonical, standard: canonical in GOOGLE_CATEGORIES };
}
