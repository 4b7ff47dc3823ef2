/**
 * TikTok's web event names. Names are case-sensitive and deduplication needs the
 * browser copy and the server copy to carry the *same* name: a pixel
 * `CompletePayment` never merges with a server `Purchase`.
 */

/** Current standard web events (TikTok help, Sep 2025). */
export const STANDARD_EVENTS = [
  'AddPaymentInfo', 'AddToCart', 'AddToWishlist', 'ApplicationApproval', 'CompleteRegistration',
  'Contact', 'CustomizeProduct', 'Download', 'FindLocation', 'InitiateCheckout', 'Lead',
  'Purchase', 'Schedule', 'Search', 'StartTrial', 'SubmitApplication', 'Subscribe', 'ViewContent',
] as const;

/**
 * Legacy names still accepted by TikTok (and used by the design notes), each with the
 * current name it was replaced by, or null when it was retired without a successor.
 */
export const LEGACY_EVENTS = {
  CompletePayment: 'Purchase',
  SubmitForm: 'Lead',
  PlaceAnOrder: 'Purchase',
  ClickButton: null,
} as const;

/** The page-view name TikTok's own integrations send; `ttq.page()` emits it in the browser. */
export const PAGE_VIEW = 'Pageview';

export type StandardEvent = (typeof STANDARD_EVENTS)[number];
export type LegacyEvent = keyof typeof LEGACY_EVENTS;
export type KnownEvent = StandardEvent | LegacyEvent | typeof PAGE_VIEW;
export type EventKind = 'standard' | 'legacy' | 'pageview' | 'custom';

const standard = new Set<string>(STANDARD_EVENTS);

export function isStandardEvent(name: string): name is StandardEvent {
  return standard.has(name);
}

export function isLegacyEvent(name: string): name is LegacyEvent {
  return Object.prototype.hasOwnProperty.call(LEGACY_EVENTS, name);
}

/** Which family a name belongs to; anything unknown is a custom event (allowed, but worth a warning). */
export function eventKind(name: string): EventKind {
  if (name === PAGE_VIEW) return 'pageview';
  if (isStandardEvent(name)) return 'standard';
  if (isLegacyEvent(name)) return 'legacy';
  return 'custom';
}

/** `CompletePayment` → `Purchase`; current names map to themselves; custom names to null. */
export function currentEventName(name: string): StandardEvent | typeof PAGE_VIEW | null {
  if (isLegacyEvent(name)) return LEGACY_EVENTS[name];
  if (name === PAGE_VIEW || isStandardEvent(name)) return name;
  return null;
}

/** Legacy names that alias a current one: `Purchase` → [`CompletePayment`, `PlaceAnOrder`]. */
export function legacyAliasesOf(name: string): LegacyEvent[] {
  return (Object.keys(LEGACY_EVENTS) as LegacyEvent[]).filter((legacy) => LEGACY_EVENTS[legacy] === name);
}

/** True when two names describe the same action (equal, or legacy alias and its successor). */
export function sameAction(a: string, b: string): boolean {
  if (a === b) return true;
  const current = currentEventName(a);
  return current !== null && current === currentEventName(b);
}
