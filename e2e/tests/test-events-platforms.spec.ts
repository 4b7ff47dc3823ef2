/**
 * Issue 10 and 13: Meta's and Google's pairs on the Test Events page, fed by the real fbq and
 * gtag stubs in Chromium and by server copies posted to the stand-ins: one group per
 * destination with its own headline, Google's send_to label and conversion action, readable at
 * 390 px.
 */
import { createHash, createSign } from 'node:crypto';
import { DATAMANAGER_SCOPE, GOOGLE_TOKEN_URL, googleTagSnippet, metaBaseCode } from '@pixelpair/emulator';
import type { Emulator } from '@pixelpair/emulator';
import { expect, test } from './support/fixtures.js';
import { eventually } from './support/eventually.js';
import { expectPageMatchesApi, openTestEvents, screenshots } from './support/test-events.js';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');

/** A Data Manager bearer token from the stand-in, for an assertion signed as google-auth-library signs it. */
async function googleToken(emulator: Emulator): Promise<string> {
  const key = emulator.google.serviceAccountKey();
  const now = Math.floor(Date.now() / 1000);
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: key.client_email, scope: DATAMANAGER_SCOPE, aud: GOOGLE_TOKEN_URL, iat: now, exp: now + 3600 })}`;
  const assertion = `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key.private_key).toString('base64url')}`;
  const res = await fetch(emulator.google.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(res.status, `${url}: ${await res.clone().text()}`).toBe(200);
}

test('Meta and Google pairs: one group per destination with its own headline, the send_to label and the conversion action, readable at 390 px', async ({ page, demo, harness, records }) => {
  void records; // cleared before the test
  const emulator = demo.emulator!;
  const PIXEL = '1234567890123456';
  const TAG = 'AW-123456789';
  const ACCOUNT = '1234567890';
  const ACTION = '987654321';
  // The real fbq and gtag stubs, loaded by Meta's base code and Google's snippet, in real Chromium.
  const url = harness.page('/destinations/thanks', `<!doctype html><html><head><meta charset="utf-8"><title>Thanks</title>
<script>${metaBaseCode(PIXEL, { scriptUrl: emulator.meta.pixelScriptUrl, advancedMatching: { em: sha('john_smith@gmail.com') }, pageView: false })}</script>
<script>${googleTagSnippet(TAG, { scriptUrl: emulator.google.gtagScriptUrl })}</script></head><body><h1>Thank you</h1></body></html>`);
  await page.goto(url);
  await page.evaluate(([tag]) => {
    const w = window as unknown as { fbq: (...a: unknown[]) => void; gtag: (...a: unknown[]) => void };
    w.fbq('track', 'ViewContent', { content_ids: ['sku-481'] }, { eventID: 'view_e1' });
    w.fbq('track', 'Purchase', { value: 42.5, currency: 'EUR' }, { eventID: 'ord_e1' });
    w.fbq('track', 'Purchase', { value: 10, currency: 'EUR' }, { eventID: 'ord_e2' });
    w.gtag('event', 'conversion', { send_to: `${tag}/PurchaseLbl`, transaction_id: 'ord_e1', value: 42.5, currency: 'EUR' });
    // The shopper then refuses: the tag is told, and its next conversion goes out without cookies.
    w.gtag('consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
    w.gtag('event', 'conversion', { send_to: `${tag}/PurchaseLbl`, transaction_id: 'ord_e3', value: 10, currency: 'EUR' });
  }, [TAG]);
  await eventually(() => emulator.meta.records().pixel.filter((c) => c.method === 'track').length === 3, 'three fbq fires');
  await eventually(() => emulator.google.records().tag.filter((c) => c.conversion).length === 2, 'two tag conversions');

  const fbp = emulator.meta.records().pixel.find((c) => c.method === 'track')!.fbp!;
  const time = Math.floor(Date.now() / 1000);
  const user = { client_ip_address: '203.0.113.24', client_user_agent: 'Mozilla/5.0', fbp };
  const capi = (event_name: string, event_id: string, extra: Record<string, unknown> = {}) => ({ event_name, event_time: time, event_id, action_source: 'website', event_source_url: url, user_data: user, ...extra });
  await postJson(emulator.meta.apiUrl(PIXEL), { access_token: 'meta-token', data: [
    capi('ViewContent', 'view_e1'),
    capi('Purchase', 'ord_e1', { user_data: { ...user, em: [sha('john_smith@gmail.com')] }, custom_data: { value: 42.5, currency: 'EUR' } }),
    // The backend reused TikTok's name for Meta: a broken pair.
    capi('CompletePayment', 'ord_e2', { custom_data: { value: 10, currency: 'EUR' } }),
  ] });
  const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const google = (transactionId: string, extra: Record<string, unknown>) => ({ transactionId, eventTimestamp: stamp, eventSource: 'WEB', conversionValue: 42.5, currency: 'EUR', adIdentifiers: { gclid: 'EAIaIQob_e2e' }, eventDeviceInfo: { userAgent: 'Mozilla/5.0' }, ...extra });
  await postJson(emulator.google.apiUrl, {
    destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT }, productDestinationId: ACTION }], encoding: 'HEX',
    events: [
      google('ord_e1', { userData: { userIdentifiers: [{ emailAddress: sha('johnsmith@gmail.com') }] }, consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' } }),
      google('ord_e3', { consent: { adUserData: 'CONSENT_DENIED', adPersonalization: 'CONSENT_DENIED' } }),
    ],
  }, { authorization: `Bearer ${await googleToken(emulator)}` });

  await openTestEvents(page, emulator.testEventsUrl);
  const report = await expectPageMatchesApi(page, `${emulator.url}/__emulator/pairs`);
  expect(report.pairs.map((p) => [p.destination, p.event, p.eventId, p.code]).sort()).toEqual([
    ['google', 'conversion', 'ord_e1', 'paired'], ['google', 'conversion', 'ord_e3', 'paired'],
    ['meta', 'CompletePayment', 'ord_e2', 'name_mismatch'], ['meta', 'Purchase', 'ord_e1', 'paired'], ['meta', 'Purchase', 'ord_e2', 'name_mismatch'], ['meta', 'ViewContent', 'view_e1', 'paired'],
  ]);
  await expect(page.locator('#headline')).toHaveText(/^2 of 6 events are broken: Meta will count them wrongly/);
  await expect(page.locator('tr[data-testid="destination-group"]')).toHaveCount(2);
  await expect(page.locator('#group-meta')).toContainText('Meta Pixel + Conversions API');
  await expect(page.locator('#group-meta')).toContainText('2 of 4 events are broken: Meta will count them wrongly');
  await expect(page.locator('#group-google')).toContainText('All 2 events are correct.');
  await expect(page.locator('#destinations li[data-destination]')).toHaveText([/^Meta\s*4 events · 2 ok · 2 broken$/, /^Google Ads\s*2 events · 2 ok$/]);
  // Rows sit under their own group, in destination order.
  const order = await page.locator('#rows > tr').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-testid')}:${tr.getAttribute('data-destination')}`));
  expect(order).toEqual(['destination-group:meta', ...Array(4).fill('pair:meta'), 'destination-group:google', 'pair:google', 'pair:google']);
  const paired = page.locator('tr[data-testid="pair"][data-destination="google"][data-event-id="ord_e1"]');
  await expect(paired).toContainText(`send_to ${TAG}/PurchaseLbl`);
  await expect(paired).toContainText(`conversion action ${ACTION}`);
  await expect(paired).toContainText(`Google Ads ${ACCOUNT}`);
  const cookieless = page.locator('tr[data-testid="pair"][data-destination="google"][data-event-id="ord_e3"]');
  await expect(cookieless).toContainText('Sent without cookies (ad storage refused)');
  await expect(cookieless).toHaveAttribute('data-verdict', 'ok');
  await expect(page.locator('tr[data-testid="pair"][data-destination="meta"][data-event-id="ord_e1"]')).toContainText('Ad data: Meta has no consent field');
  await expect(page.locator('tr[data-testid="quality"][data-destination="meta"][data-event="Purchase"]')).toHaveAttribute('data-level', 'identified');
  await expect(page.locator('tr[data-testid="quality"][data-destination="google"][data-event="conversion"]')).toContainText('Google Ads');
  await page.locator('#help summary').click();
  await expect(page.locator('#help-pairs')).toContainText('cannot be mapped to a conversion action id here, so this page pairs by transaction id within the Google Ads account');
  await expect(page.locator('#help-pairs')).toContainText('validateOnly, ingests nothing, so those requests never pair');
  await expect(page.locator('main')).not.toContainText(/\bnull\b|\bundefined\b/);
  await screenshots(page, 'test-events-destinations');
});
