/** The foundation journey in one call: landing with click ids, consent, product, cart, checkout, payment on the other origin, thank-you. */
import type { Page } from '@playwright/test';
import type { Demo } from '@pixelpair/demo-store';
import { chooseConsent, checkoutAndPay, viewAndAddToCart } from './journey.js';
import type { Buyer, PageEvent } from './journey.js';

export const BUYER: Buyer = { email: ' Alice.Buyer@Example.com ', phone: '+49 170 1234567', country: 'DE' };

export interface Purchase {
  ttclid: string;
  /** Meta's and Google's click ids on the landing URL, when the journey brought them. */
  fbclid?: string;
  gclid?: string;
  orderId: string;
  view: PageEvent;
  addEventId: string;
  checkout: PageEvent;
  purchase: PageEvent;
}

export interface BuyOptions {
  consent?: 'accept' | 'reject';
  sku?: string;
  ttclid?: string;
  /** Land from a Meta ad (`?fbclid=`) and/or a Google ad (`?gclid=`) as well. */
  fbclid?: string;
  gclid?: string;
  buyer?: Buyer;
}

/** A click id as an ad platform would append it (random, so no test sees another's). */
export const clickId = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 12)}`;

export async function buyOne(page: Page, demo: Pick<Demo, 'urls'>, options: BuyOptions = {}): Promise<Purchase> {
  const ttclid = options.ttclid ?? clickId('E.C.P.');
  const landing = new URLSearchParams({ ttclid });
  if (options.fbclid) landing.set('fbclid', options.fbclid);
  if (options.gclid) landing.set('gclid', options.gclid);
  await page.goto(`${demo.urls.store}/?${landing}`);
  await chooseConsent(page, options.consent ?? 'accept');
  const { view, addEventId } = await viewAndAddToCart(page, demo.urls.store, options.sku ?? 'SKU-481');
  const paid = await checkoutAndPay(page, demo.urls.store, demo.urls.payment, options.buyer ?? BUYER);
  return { ttclid, ...(options.fbclid ? { fbclid: options.fbclid } : {}), ...(options.gclid ? { gclid: options.gclid } : {}), view, addEventId, ...paid };
}
