/**
 * The full journey the journeys share (landing from a TikTok, a Meta and a Google ad at once,
 * shop, pay, search, ask for a fitting), and readers for each action's server copies on the
 * three stand-ins, under each platform's own name for the event.
 */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Demo } from '@pixelpair/demo-store';
import { LOCAL_GOOGLE_CONVERSIONS, LOCAL_GOOGLE_TAG_ID } from '@pixelpair/demo-store';
import { buyOne, clickId } from './buy.js';
import type { BuyOptions } from './buy.js';
import { search, submitLead } from './journey.js';
import { eventually } from './eventually.js';
import type { Records } from './records.js';

export const HEX64 = /^[0-9a-f]{64}$/;
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const ALL_EVENTS = ['AddToCart', 'CompletePayment', 'InitiateCheckout', 'Search', 'SubmitForm', 'ViewContent'];
/** Meta's names for the demo's events (written out here, not taken from core, so a wrong mapping shows). */
export const META_NAME: Record<string, string> = { ViewContent: 'ViewContent', AddToCart: 'AddToCart', InitiateCheckout: 'InitiateCheckout', CompletePayment: 'Purchase', Search: 'Search', SubmitForm: 'Lead' };
export const META_EVENTS = ALL_EVENTS.map((e) => META_NAME[e]!).sort();
/** The tag's label and the server's conversion action per event the demo sends to Google. */
export const GOOGLE_SETTINGS = [
  { event: 'Purchase', tagId: LOCAL_GOOGLE_TAG_ID, ...LOCAL_GOOGLE_CONVERSIONS.Purchase },
  { event: 'Lead', tagId: LOCAL_GOOGLE_TAG_ID, ...LOCAL_GOOGLE_CONVERSIONS.Lead },
];

/** Shop, pay, search and ask for a fitting: every kind of event the demo has, landing from a TikTok, a Meta and a Google ad at once. */
export async function fullJourney(page: Page, demo: Pick<Demo, 'urls'>, consent: 'accept' | 'reject', options: BuyOptions = {}) {
  const bought = await buyOne(page, demo, { consent, fbclid: clickId('IwAR'), gclid: clickId('Cj0KCQ'), ...options });
  const searched = await search(page, demo.urls.store, 'trail');
  const { leadId, lead } = await submitLead(page, demo.urls.store, 'Runner.Lead@Example.com');
  const ids: Array<[string, string]> = [
    ['ViewContent', bought.view.eventId],
    ['AddToCart', bought.addEventId],
    ['InitiateCheckout', bought.checkout.eventId],
    ['CompletePayment', bought.purchase.eventId],
    ['Search', searched.eventId],
    ['SubmitForm', lead.eventId],
  ];
  return { ...bought, fbclid: bought.fbclid!, gclid: bought.gclid!, leadId, lead, ids };
}

export const serverTwins = (records: Records, ids: Array<[string, string]>) =>
  eventually(() => {
    const found = ids.map(([event, id]) => records.serverEvent(event, id));
    return found.every(Boolean) ? found.map((e) => e!) : undefined;
  }, `server copies of ${ids.map(([e]) => e).join(', ')}`);

/** The Conversions API copies of the same actions, under Meta's names. */
export const metaTwins = (records: Records, ids: Array<[string, string]>) =>
  eventually(() => {
    const found = ids.map(([event, id]) => records.meta.serverEvent(META_NAME[event] ?? event, id));
    return found.every(Boolean) ? found.map((e) => e!) : undefined;
  }, `Conversions API copies of ${ids.map(([e]) => META_NAME[e] ?? e).join(', ')}`);

/** Meta's `_fbc` format, `fb.{subdomainIndex}.{ms}.{fbclid}`, for this click (its case kept). */
export const fbcOf = (fbclid: string) => {
  if (!/^[\w-]+$/.test(fbclid)) throw new Error('fbcOf: the journeys use word-character click ids');
  return new RegExp(`^fb\\.[0-2]\\.\\d{13}\\.${fbclid}$`);
};
export const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
