/**
 * Issues 9 and 10: the three pairs of one purchase (TikTok, Meta, Google) on the demo store in
 * real Chromium: one id on ttq, fbq, the tag and the three server copies; each platform's
 * hashing rules from one shopper; the consent flags under a refusal; and live controls showing
 * the Meta and the Google pair checks fail on real records. The Meta pairs of every action are
 * in journeys.spec.ts (journeys 1 to 3).
 */
import { LOCAL_GOOGLE_CONVERSIONS, LOCAL_GOOGLE_TAG_ID, startDemo } from '@pixelpair/demo-store';
import type { Envelope } from '@pixelpair/demo-store';
import { expect, test } from './support/fixtures.js';
import { checkAllGooglePairs, checkAllMetaPairs, checkGooglePair, checkMetaPair } from './support/check-pair.js';
import { buyOne, clickId } from './support/buy.js';
import { checkoutAndPay, customiseConsent, viewAndAddToCart } from './support/journey.js';
import { eventually } from './support/eventually.js';
import { createRecords } from './support/records.js';
import type { Records } from './support/records.js';
import { fullJourney, GOOGLE_SETTINGS, list, metaTwins, sha256 } from './support/full-journey.js';

type GoogleCopy = NonNullable<ReturnType<Records['google']['serverEvent']>>;

/** A Gmail shopper, so Google's own email rule (dots and +suffix dropped, for Gmail only) shows beside Meta's and TikTok's. */
const GMAIL_BUYER = { email: ' Alice.Buyer+Runs@GMail.com ', phone: '+49 170 1234567', country: 'DE' };

test('three pairs — the purchase: ttq event_id, fbq eventID and the tag transaction_id are the three server copies\' id; the Google copy carries the landing gclid, Google-hashed email and phone, and consent granted', async ({ page, demo, records }) => {
  const journey = await fullJourney(page, demo, 'accept', { buyer: GMAIL_BUYER });
  const id = `ord_${journey.orderId}_complete_payment`;
  expect(journey.purchase.eventId).toBe(id);
  const ttq = await eventually(() => records.sentTracks().find((c) => c.event === 'CompletePayment'), 'ttq.track CompletePayment');
  const fbq = await eventually(() => records.meta.sentFires().find((c) => c.event === 'Purchase'), "fbq('track', 'Purchase')");
  const tag = await eventually(() => records.google.conversions().find((c) => c.label === LOCAL_GOOGLE_CONVERSIONS.Purchase.label), 'the tag conversion');
  const tiktok = await eventually(() => records.serverEvent('CompletePayment', id), 'the Events API copy');
  const meta = await eventually(() => records.meta.serverEvent('Purchase', id), 'the Conversions API copy');
  const google = await eventually(() => records.google.serverEvent(id), 'the Data Manager copy');
  expect({ ttq: ttq.eventId, fbq: fbq.eventId, tag: tag.transactionId, tiktok: tiktok.eventId, meta: meta.eventId, google: google.transactionId })
    .toEqual({ ttq: id, fbq: id, tag: id, tiktok: id, meta: id, google: id });
  expect(checkMetaPair(fbq, meta)).toEqual({ ok: true });
  expect(checkGooglePair(tag, google, GOOGLE_SETTINGS[0]!)).toEqual({ ok: true });
  expect(tag).toMatchObject({ sendTo: `${LOCAL_GOOGLE_TAG_ID}/${LOCAL_GOOGLE_CONVERSIONS.Purchase.label}`, status: 'sent', transactionIdType: 'string', configured: true });
  expect({ value: tag.value, currency: tag.currency }).toEqual({ value: google.conversionValue, currency: google.currency });

  // One shopper, three hashing rules, from one parse of what they typed.
  expect(google).toMatchObject({ gclid: journey.gclid, conversionAction: LOCAL_GOOGLE_CONVERSIONS.Purchase.action, identifiers: { email: true, phone: true } });
  const userIdentifiers = (google.body!.userData as { userIdentifiers: Array<Record<string, string>> }).userIdentifiers;
  expect(userIdentifiers).toEqual(expect.arrayContaining([{ emailAddress: sha256('alicebuyer@gmail.com') }, { phoneNumber: sha256('+491701234567') }]));
  expect(google.consent).toEqual({ adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' });
  expect(list(meta.body!.user_data.em), 'Meta keeps Gmail dots and +suffix').toEqual([sha256('alice.buyer+runs@gmail.com')]);
  expect(list(meta.body!.user_data.ph), 'Meta: digits without +').toEqual([sha256('491701234567')]);
  expect(tiktok.body!.user!.email).toBe(sha256('alice.buyer+runs@gmail.com'));
  expect(tiktok.body!.user!.phone, 'TikTok: E.164 with +').toBe(sha256('+491701234567'));

  // The lead is the other conversion the shop maps for Google: every tag conversion has its server copy.
  await eventually(() => records.google.conversions().length >= 2 && records.google.serverEvent(journey.lead.eventId), 'the Lead conversion and its copy');
  const googlePairs = checkAllGooglePairs(records.google.conversions(), records.google.serverEvents(), GOOGLE_SETTINGS);
  expect(googlePairs.map((p) => [p.event, p.transactionId, p.check])).toEqual([['Purchase', id, { ok: true }], ['Lead', journey.lead.eventId, { ok: true }]]);
  expect(records.google.serverEvents().map((e) => e.transactionId).sort(), 'no Google copy for events the shop maps to no conversion').toEqual([id, journey.lead.eventId].sort());
});

/** What a Google copy under a refusal must look like: flagged denied, the landing's click id, no user identifiers. */
function refusedCopyProblems(copy: GoogleCopy, gclid: string): string[] {
  const problems: string[] = [];
  if (copy.consent?.adUserData !== 'CONSENT_DENIED' || copy.consent?.adPersonalization !== 'CONSENT_DENIED') problems.push(`consent ${JSON.stringify(copy.consent)}`);
  if (copy.gclid !== gclid) problems.push(`gclid ${copy.gclid}`);
  if (copy.body && 'userData' in copy.body) problems.push('userData sent');
  if (Object.values(copy.identifiers).some(Boolean)) problems.push(`identifiers ${JSON.stringify(copy.identifiers)}`);
  return problems;
}

test('three pairs — consent rejected: fbq revoked, the tag told denied and silent; the Google copy carries CONSENT_DENIED and the landing gclid, no user identifiers', async ({ page, demo, records }) => {
  const journey = await fullJourney(page, demo, 'reject', { buyer: GMAIL_BUYER });
  const id = `ord_${journey.orderId}_complete_payment`;
  await records.settled();
  await metaTwins(records, journey.ids);
  const consent = records.google.tagCalls().filter((c) => c.command === 'consent');
  expect(consent.length, "gtag('consent', …) on every page").toBeGreaterThan(0);
  for (const c of consent) expect(c.consentArgs, `gtag('consent', '${c.event}')`).toMatchObject({ ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
  expect(consent.some((c) => c.event === 'update'), "the refusal reached the tag as gtag('consent', 'update')").toBe(true);
  expect(records.google.conversions(), 'pixelpair holds the conversion: the tag never fires it').toEqual([]);

  // The shop kept the landing's click ids on its own record, not on the device; the server twin's policy decides what each copy carries.
  const jar = (await page.context().cookies()).map((c) => c.name);
  expect(jar.filter((name) => ['ttclid', '_fbc', '_pp_gclid', '_pp_gbraid', '_pp_wbraid'].includes(name)), 'no click-id cookie after "Reject all"').toEqual([]);
  expect(jar, 'the necessary cart cookie links the landing to the order').toContain('demo_cart');
  const google = await eventually(() => records.google.serverEvent(id), 'the Data Manager copy');
  expect(google.consent).toEqual({ adUserData: 'CONSENT_DENIED', adPersonalization: 'CONSENT_DENIED' });
  expect(google.gclid, 'the landing gclid, as adIdentifiers').toBe(journey.gclid);
  expect(google.body!.adIdentifiers).toEqual({ gclid: journey.gclid });
  expect(google.body!, 'no email or phone, hashed or not').not.toHaveProperty('userData');
  expect(google.ipAddress, 'a shopper in Germany: no IP for Google').toBe(false);
  expect(refusedCopyProblems(google, journey.gclid)).toEqual([]);
  // Control: the same check fails on a copy that carries identifiers or claims a grant.
  const withIdentifiers = { ...google, identifiers: { ...google.identifiers, email: true }, body: { ...google.body, userData: { userIdentifiers: [{ emailAddress: sha256('alicebuyer@gmail.com') }] } } };
  expect(refusedCopyProblems(withIdentifiers, journey.gclid)).toEqual(['userData sent', 'identifiers {"email":true,"phone":false,"address":false}']);
  expect(refusedCopyProblems({ ...google, consent: { ...google.consent, adUserData: 'CONSENT_GRANTED' } }, journey.gclid)).toHaveLength(1);

  // TikTok keeps its click id and drops the contact data; Meta drops fbc and fbp too.
  const tiktok = await eventually(() => records.serverEvent('CompletePayment', id), 'the Events API copy');
  expect(tiktok.ttclid).toBe(journey.ttclid);
  expect(tiktok.keys).toMatchObject({ email: false, phone: false, external_id: false });
  const meta = await eventually(() => records.meta.serverEvent('Purchase', id), 'the Conversions API copy');
  expect(meta.keys).toMatchObject({ em: false, ph: false, external_id: false, fbc: false, fbp: false });
  expect(records.meta.pixelCalls().some((c) => c.method === 'consent' && c.options?.action === 'revoke')).toBe(true);
  expect(records.meta.sentFires()).toEqual([]);
});

test('three pairs — personalised ads refused (ad data allowed): the tag told ad_personalization denied, and the Google copy carries CONSENT_GRANTED / CONSENT_DENIED with the gclid', async ({ page, demo, records }) => {
  const gclid = clickId('Cj0KCQ');
  await page.goto(`${demo.urls.store}/?gclid=${gclid}&fbclid=${clickId('IwAR')}`);
  await customiseConsent(page, { adUserData: true, adPersonalization: false });
  await viewAndAddToCart(page, demo.urls.store, 'SKU-481');
  const paid = await checkoutAndPay(page, demo.urls.store, demo.urls.payment, GMAIL_BUYER);
  const id = `ord_${paid.orderId}_complete_payment`;
  const google = await eventually(() => records.google.serverEvent(id), 'the Data Manager copy');
  const tag = await eventually(() => records.google.conversions().find((c) => c.transactionId === id), 'the tag conversion');
  expect(records.google.tagCalls().filter((c) => c.command === 'consent' && c.event === 'update').at(-1)?.consentArgs).toMatchObject({ ad_user_data: 'granted', ad_personalization: 'denied' });
  expect(tag.consent).toMatchObject({ ad_user_data: 'granted', ad_personalization: 'denied' });
  expect(checkGooglePair(tag, google, GOOGLE_SETTINGS[0]!)).toEqual({ ok: true });
  expect(google.consent).toEqual({ adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_DENIED' });
  expect(google).toMatchObject({ gclid, identifiers: { email: true, phone: true } });
  const meta = await eventually(() => records.meta.serverEvent('Purchase', id), 'the Conversions API copy');
  expect(meta.optOut, 'Meta: attribution only').toBe(true);
});

/** A backend bug the controls plant: the purchase's server copies leave with another id than the page's. */
const changedId = (e: Envelope): Envelope => ({ ...e, eventId: e.eventId.replace('_complete_payment', '_payment') });

async function withBrokenBackend(page: Parameters<typeof buyOne>[0], check: (records: Records, ids: { id: string; wrong: string }) => Promise<void>): Promise<void> {
  const broken = await startDemo({ store: { mutateServerCopy: changedId } });
  try {
    const records = createRecords(broken);
    const bought = await buyOne(page, broken, { fbclid: clickId('IwAR'), gclid: clickId('Cj0KCQ') });
    await broken.store.delivery.idle();
    await check(records, { id: `ord_${bought.orderId}_complete_payment`, wrong: `ord_${bought.orderId}_payment` });
  } finally {
    await broken.close();
  }
}

test('Meta pair, control — a backend that changes the event id breaks the Meta pair check on real records', async ({ page }) => {
  await withBrokenBackend(page, async (records, { id, wrong }) => {
    const fbq = await eventually(() => records.meta.sentFires().find((c) => c.event === 'Purchase'), "fbq('track', 'Purchase')");
    const meta = await eventually(() => records.meta.serverEvent('Purchase', wrong), 'the Conversions API copy');
    expect(checkMetaPair(fbq, meta)).toEqual({ ok: false, problems: [`event_id differs: pixel "${id}", server "${wrong}"`] });
    expect(checkAllMetaPairs(records.meta.sentFires(), records.meta.serverEvents()).filter((p) => !p.check.ok).map((p) => p.event)).toEqual(['Purchase']);
  });
});

test('Google pair, control — a backend that changes the event id breaks the Google pair check on real records', async ({ page }) => {
  await withBrokenBackend(page, async (records, { id, wrong }) => {
    const tag = await eventually(() => records.google.conversions().find((c) => c.label === LOCAL_GOOGLE_CONVERSIONS.Purchase.label), 'the tag conversion');
    const google = await eventually(() => records.google.serverEvent(wrong), 'the Data Manager copy');
    expect(checkGooglePair(tag, google, GOOGLE_SETTINGS[0]!)).toEqual({ ok: false, problems: [`transaction_id differs: tag "${id}", server "${wrong}"`] });
    expect(checkAllGooglePairs(records.google.conversions(), records.google.serverEvents(), GOOGLE_SETTINGS).map((p) => p.check.ok)).toEqual([false]);
  });
});
