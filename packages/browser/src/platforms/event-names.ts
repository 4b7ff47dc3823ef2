/**
 * Core's event-name mapping (`canonicalEventName`, `eventNameFor('meta', …)`), written small
 * for the browser: core's tables carry every platform's names and build Sets at import time
 * that no bundler can shake out, about 400 B gzipped in the script tag. A test holds these
 * to core's answers for every name core knows.
 */

/** TikTok's page-view and legacy names, each with its current (Meta-spelled) name. */
const ALIASES: Record<string, string> = { Pageview: 'PageView', CompletePayment: 'Purchase', PlaceAnOrder: 'Purchase', SubmitForm: 'Lead' };

/** Meta Pixel standard events (core's META_STANDARD_EVENTS). */
const META_STANDARD =
  'AddPaymentInfo AddToCart AddToWishlist CompleteRegistration Contact CustomizeProduct Donate FindLocation InitiateCheckout Lead PageView Purchase Schedule Search StartTrial SubmitApplication Subscribe ViewContent'.split(' ');

/** The platform-neutral name: `CompletePayment` → `Purchase`, `Pageview` → `PageView`; others as they are. */
export const canonicalName = (name: string): string => ({}).hasOwnProperty.call(ALIASES, name) ? ALIASES[name]! : name;

/** Meta's name for an action, and whether it is a standard event (else `fbq('trackCustom', …)` under the app's own name). */
export function metaEventName(name: string): [name: string, standard: boolean] {
  const canonical = canonicalName(name);
  return META_STANDARD.includes(canonical) ? [canonical, true] : [name, false];
}
