/** Shopper steps on the demo store, in the order a real visitor takes them. */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export interface PageEvent {
  event: string;
  eventId: string;
  properties?: Record<string, unknown>;
  collect?: boolean;
}

/** Waits until /shop.js has fired the page's events through pixelpair, and returns them (ids as rendered by the server). */
export async function firedEvents(page: Page): Promise<PageEvent[]> {
  await page.waitForFunction(() => typeof (window as any).__shopEventsFired === 'number');
  return JSON.parse((await page.locator('#pp-events').textContent()) ?? '[]') as PageEvent[];
}

export async function chooseConsent(page: Page, choice: 'accept' | 'reject'): Promise<void> {
  await page.locator(`#consent-banner [data-consent="${choice}"]`).click();
  await expect(page.locator('#consent-banner')).toBeHidden();
}

export async function customiseConsent(page: Page, choice: { adUserData: boolean; adPersonalization: boolean }): Promise<void> {
  await page.locator('#consent-banner [data-consent="customise"]').click();
  await page.locator('#consent-options [name=adUserData]').setChecked(choice.adUserData);
  await page.locator('#consent-options [name=adPersonalization]').setChecked(choice.adPersonalization);
  await page.locator('#consent-options [data-consent="save"]').click();
  await expect(page.locator('#consent-banner')).toBeHidden();
}

/** Product page (ViewContent) then add to cart (AddToCart); returns both events as rendered. */
export async function viewAndAddToCart(page: Page, storeUrl: string, sku: string): Promise<{ view: PageEvent; addEventId: string }> {
  await page.goto(`${storeUrl}/products/${sku}`);
  const [view] = await firedEvents(page);
  const addEventId = (await page.locator('#add-to-cart').getAttribute('data-event-id'))!;
  await page.locator('#add-to-cart button[type=submit]').click();
  await page.waitForURL('**/cart');
  return { view: view!, addEventId };
}

export interface Buyer {
  email: string;
  phone: string;
  country?: string;
}

/** Checkout (InitiateCheckout), then pay on the provider's origin and come back to the thank-you page. */
export async function checkoutAndPay(page: Page, storeUrl: string, paymentUrl: string, buyer: Buyer): Promise<{ checkout: PageEvent; orderId: string; purchase: PageEvent }> {
  await page.goto(`${storeUrl}/checkout`);
  const [checkout] = await firedEvents(page);
  await page.locator('#checkout-form [name=email]').fill(buyer.email);
  await page.locator('#checkout-form [name=phone]').fill(buyer.phone);
  await page.locator('#checkout-form [name=country]').selectOption(buyer.country ?? 'DE');
  await page.locator('#pay-button').click();
  await page.waitForURL(`${paymentUrl}/pay?**`);
  await page.locator('#confirm-payment').click();
  await page.waitForURL('**/thank-you/**');
  const [purchase] = await firedEvents(page);
  const orderId = (await page.locator('#order-id').textContent())!;
  return { checkout: checkout!, orderId, purchase: purchase! };
}

export async function submitLead(page: Page, storeUrl: string, email: string): Promise<{ leadId: string; lead: PageEvent }> {
  await page.goto(`${storeUrl}/lead`);
  await page.locator('#lead-form [name=email]').fill(email);
  await page.locator('#lead-form [name=message]').fill('Half marathon in spring');
  await page.locator('#lead-form button[type=submit]').click();
  await page.waitForURL('**/lead/thanks/**');
  const [lead] = await firedEvents(page);
  return { leadId: (await page.locator('#lead-id').textContent())!, lead: lead! };
}

export async function search(page: Page, storeUrl: string, query: string): Promise<PageEvent> {
  await page.goto(`${storeUrl}/search?q=${encodeURIComponent(query)}`);
  const [event] = await firedEvents(page);
  return event!;
}

/** What pixelpair captured in this page (the hand-off context). */
export function browserContext(page: Page): Promise<{ ttclid?: string; ttp?: string; fbc?: string; fbp?: string; gclid?: string; userAgent?: string; consent: Record<string, unknown>; page: { url?: string } }> {
  return page.evaluate(() => (window as any).pixelpair.context());
}

/** The Pixel's events.js request, whatever its query (`?sdkid=…&lib=ttq`), for page.route. */
export const PIXEL_SCRIPT = /\/pixel\/events\.js(\?|$)/;
/** Meta's fbevents.js (the stand-in's `/meta/fbevents.js` or Meta's own `/en_US/fbevents.js`), for page.route. */
export const META_PIXEL_SCRIPT = /\/fbevents\.js(\?|$)/;
