/** The foundation journey in one call: landing with a ttclid, consent, product, cart, checkout, payment on the other origin, thank-you. */
import type { Page } from '@playwright/test';
import type { Demo } from '@pixelpair/demo-store';
import { chooseConsent, checkoutAndPay, viewAndAddToCart } from './journey.js';
import type { Buyer, PageEvent } from './journey.js';

export const BUYER: Buyer = { email: ' Alice.Buyer@Example.com ', phone: '+49 170 1234567', country: 'DE' };

export interface Purchase {
  ttclid: string;
  orderId: string;
  view: PageEvent;
  addEventId: string;
  checkout: PageEvent;
  purchase: PageEvent;
}

export async function buyOne(page: Page, demo: Pick<Demo, 'urls'>, options: { consent?: 'accept' | 'reject'; sku?: string; ttclid?: string } = {}): Promise<Purchase> {
  const ttclid = options.ttclid ?? `E.C.P.${Math.random().toString(36).slice(2, 12)}`;
  await page.goto(`${demo.urls.store}/?ttclid=${encodeURIComponent(ttclid)}`);
  await chooseConsent(page, options.consent ?? 'accept');
  const { view, addEventId } = await viewAndAddToCart(page, demo.urls.store, options.sku ?? 'SKU-481');
  const paid = await checkoutAndPay(page, demo.urls.store, demo.urls.payment, BUYER);
  return { ttclid, view, addEventId, ...paid };
}
