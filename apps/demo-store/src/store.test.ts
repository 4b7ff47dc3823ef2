/**
 * The store end to end over HTTP, without a browser: the purchase server copy is sent once,
 * from the first payment confirmation (here the provider's webhook, a Node request), and
 * carries the context stored from the shopper's own requests, not the webhook's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contextToFields } from '@pixelpair/core';
import { createDemoStore } from './store.js';
import type { DemoStore } from './store.js';
import { createPaymentProvider } from './payment/provider.js';
import type { PaymentProvider } from './payment/provider.js';
import type { DeliveryBackend } from './delivery.js';
import type { Envelope } from './shop/envelopes.js';

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) unit-test-browser';
const fields = contextToFields({
  ttclid: 'E.C.P.unit-1', ttp: 'unit-ttp.tt.1', userAgent: BROWSER_UA, page: { url: 'http://shop.test/products/SKU-481' },
  consent: { adUserData: 'granted', adPersonalization: 'granted', cmp: { name: 'demo-banner', version: '1' } }, capturedAt: '2026-11-25T06:00:00.000Z',
});

let store: DemoStore | undefined;
let payment: PaymentProvider | undefined;
afterEach(async () => {
  await store?.close();
  await payment?.close();
});

async function setUp() {
  const sent: Envelope[] = [];
  const backend: DeliveryBackend = { hand: async (e) => (sent.push(e), { status: 'sent' }), close: async () => undefined };
  payment = await createPaymentProvider({ secret: 'unit-secret' });
  store = await createDemoStore({ apiUrl: 'http://127.0.0.1:9/unused', accessToken: 'x', pixelId: 'CUNIT', paymentOrigin: payment.url, paymentSecret: 'unit-secret', backend });
  return { sent, store, payment };
}

const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
const hidden = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));

describe('demo store over HTTP', () => {
  it('sends one purchase copy, from the first confirmation, with the stored browser context', async () => {
    const { sent, store } = await setUp();
    const landing = await fetch(`${store.url}/?ttclid=E.C.P.unit-1`, { headers: { 'user-agent': BROWSER_UA, cookie: 'demo_consent=granted.granted' } });
    expect(landing.headers.getSetCookie().some((c) => c.startsWith('ttclid=E.C.P.unit-1;')), 'the server re-sets the click id (storage granted)').toBe(true);

    const product = await fetch(`${store.url}/products/SKU-481`, { headers: { 'user-agent': BROWSER_UA } });
    const cookie = product.headers.getSetCookie()[0]!.split(';')[0]!;
    const headers = { 'user-agent': BROWSER_UA, cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const added = await fetch(`${store.url}/cart/add`, { method: 'POST', headers, redirect: 'manual', body: form({ product: 'SKU-481', quantity: '1', ...fields }) });
    expect(added.status).toBe(303);

    const checkout = await fetch(`${store.url}/checkout`, { method: 'POST', headers, redirect: 'manual', body: form({ email: 'buyer@example.com', phone: '+49 170 1234567', country: 'DE', ...fields }) });
    const payUrl = checkout.headers.get('location')!;
    expect(new URL(payUrl).origin).toBe(payment!.url);

    const payPage = await (await fetch(payUrl)).text();
    const paid = await fetch(`${payment!.url}/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ ...hidden(payPage), status: 'paid' }) });
    expect(sent, 'the webhook already confirmed the order').toHaveLength(1);

    const back = await fetch(paid.headers.get('location')!, { headers, redirect: 'manual' });
    expect(back.headers.get('location')).toMatch(/^\/thank-you\/\d+$/);
    const orderId = back.headers.get('location')!.split('/').pop()!;
    const thanks = await (await fetch(`${store.url}/thank-you/${orderId}`, { headers })).text();
    expect(thanks).toContain(`ord_${orderId}_complete_payment`);
    expect(await store.confirmPayment(orderId)).toMatchObject({ ok: true, first: false });

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      event: 'CompletePayment',
      eventId: `ord_${orderId}_complete_payment`,
      user: { ttclid: 'E.C.P.unit-1', ttp: 'unit-ttp.tt.1', userAgent: BROWSER_UA, ip: '127.0.0.1', email: 'buyer@example.com' },
      consent: { adUserData: 'granted', adPersonalization: 'granted' },
      properties: { value: 129.95, currency: 'EUR' },
    });
  });

  it('keeps Meta and Google click evidence from the landing to the purchase copy, with no browser script at all', async () => {
    const { sent, store } = await setUp();
    const jar = new Map<string, string>([['demo_consent', 'granted.granted'], ['_fbp', 'fb.1.1764000000000.1234567890']]);
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, value] = pair!.split('=');
        if (value) jar.set(name!, value);
      }
    };
    const before = Date.now();
    keep(await fetch(`${store.url}/?fbclid=IwUnitClick&gclid=CjUnitClick`, { headers: { 'user-agent': BROWSER_UA, cookie: cookie() } }));
    expect(jar.get('_fbc'), "Meta's click cookie, fb.1.<ms>.<fbclid>").toMatch(/^fb\.1\.\d{13}\.IwUnitClick$/);
    expect(Number(jar.get('_fbc')!.split('.')[2])).toBeGreaterThanOrEqual(before);
    expect(jar.get('_pp_gclid')).toBe('CjUnitClick');

    keep(await fetch(`${store.url}/products/SKU-481`, { headers: { 'user-agent': BROWSER_UA, cookie: cookie() } }));
    const headers = () => ({ 'user-agent': BROWSER_UA, cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded', referer: `${store.url}/products/SKU-481` });
    await fetch(`${store.url}/cart/add`, { method: 'POST', headers: headers(), redirect: 'manual', body: form({ product: 'SKU-481', quantity: '1' }) });
    const checkout = await fetch(`${store.url}/checkout`, { method: 'POST', headers: headers(), redirect: 'manual', body: form({ email: 'buyer@example.com', phone: '+49 170 1234567', country: 'DE' }) });
    const payPage = await (await fetch(checkout.headers.get('location')!)).text();
    await fetch(`${payment!.url}/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ ...hidden(payPage), status: 'paid' }) });

    expect(sent).toHaveLength(1);
    expect(sent[0]!.user).toMatchObject({ fbc: jar.get('_fbc'), fbp: 'fb.1.1764000000000.1234567890', gclid: 'CjUnitClick', userAgent: BROWSER_UA, ip: '127.0.0.1' });
    expect(sent[0]!.page?.url, 'the Referer names the page when no script ran').toMatch(/\/(products\/SKU-481|checkout)/);
  });

  it('after "Reject all" the landing\'s click ids still reach the purchase copy from the cart record, and no click-id cookie is written', async () => {
    const { sent, store } = await setUp();
    const denied = contextToFields({ userAgent: BROWSER_UA, page: {}, consent: { adUserData: 'denied', adPersonalization: 'denied', cmp: { name: 'demo-banner', version: '1' } }, capturedAt: '2026-11-25T06:00:00.000Z' });
    const landing = await fetch(`${store.url}/products/SKU-481?ttclid=E.C.P.rejected&fbclid=IwRejected&gclid=CjRejected`, { headers: { cookie: 'demo_consent=denied.denied' } });
    const setCookies = landing.headers.getSetCookie();
    expect(setCookies.map((c) => c.split('=')[0]), 'only the cart cookie, once (the product page and the landing share one cart)').toEqual(['demo_cart']);
    const cookie = `${setCookies[0]!.split(';')[0]!}; demo_consent=denied.denied`;
    const headers = { 'user-agent': BROWSER_UA, cookie, 'content-type': 'application/x-www-form-urlencoded' };
    await fetch(`${store.url}/cart/add`, { method: 'POST', headers, redirect: 'manual', body: form({ product: 'SKU-481', quantity: '1', ...denied }) });
    const checkout = await fetch(`${store.url}/checkout`, { method: 'POST', headers, redirect: 'manual', body: form({ email: 'buyer@example.com', phone: '+49 170 1234567', country: 'DE', ...denied }) });
    expect(checkout.headers.getSetCookie()).toEqual([]);
    const payPage = await (await fetch(checkout.headers.get('location')!)).text();
    await fetch(`${payment!.url}/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ ...hidden(payPage), status: 'paid' }) });

    expect(sent).toHaveLength(1);
    // The envelope keeps them; the server twin's consent policy strips what each platform may not get.
    expect(sent[0]!.user).toMatchObject({ ttclid: 'E.C.P.rejected', fbc: expect.stringMatching(/^fb\.1\.\d{13}\.IwRejected$/), gclid: 'CjRejected' });
    expect(sent[0]!.consent).toMatchObject({ adUserData: 'denied', adPersonalization: 'denied' });
    // A lead from the same visitor is completed from the cart record too.
    await fetch(`${store.url}/lead`, { method: 'POST', headers, redirect: 'manual', body: form({ email: 'lead@example.com', ...denied }) });
    expect(sent[1]!.user).toMatchObject({ ttclid: 'E.C.P.rejected', gclid: 'CjRejected', email: 'lead@example.com' });
  });

  it('refuses a forged payment result', async () => {
    const { sent, store } = await setUp();
    const forged = await fetch(`${store.url}/payment/return?order=10001&payment=pay_x&status=paid&sig=${'0'.repeat(64)}`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    const hook = await fetch(`${store.url}/payment/webhook`, { method: 'POST', body: JSON.stringify({ order: '10001', payment: 'p', status: 'paid', signature: 'nope' }) });
    expect(hook.status).toBe(400);
    expect(sent).toEqual([]);
  });

  it('collects browsing events from the browser but never a purchase', async () => {
    const { sent, store } = await setUp();
    const handoff = (event: string, eventId: string) => ({
      event, eventId, properties: { value: 999 },
      context: { ttclid: 'E.C.P.beacon', page: {}, consent: { adUserData: 'granted', adPersonalization: 'granted' }, capturedAt: '2026-11-25T06:00:00.000Z' },
    });
    const post = (body: unknown) => fetch(`${store.url}/collect`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA }, body: JSON.stringify(body) });
    expect((await post(handoff('ViewContent', 'view_1'))).status).toBe(202);
    // Refused, and the browser is told so (it used to get a bare 202 {ok:true}).
    const forged = await post(handoff('CompletePayment', 'ord_1_complete_payment'));
    expect(forged.status).toBe(200);
    expect(await forged.json()).toMatchObject({ ok: true, ignored: expect.any(String) });
    expect((await post({ event: 'ViewContent', eventId: 'has space', context: {} })).status).toBe(400);
    expect(sent.map((e) => [e.event, e.eventId, e.user.ttclid])).toEqual([['ViewContent', 'view_1', 'E.C.P.beacon']]);
  });

  it('a beacon stores its context on the visitor’s existing cart, and never creates a cart', async () => {
    const { store } = await setUp();
    const handoff = JSON.stringify({
      event: 'ViewContent', eventId: 'view_2',
      context: { ttclid: 'E.C.P.from-beacon', ttp: 'beacon-ttp', page: {}, consent: { adUserData: 'denied', adPersonalization: 'denied' }, capturedAt: '2026-11-25T06:00:00.000Z' },
    });
    const anonymous = await fetch(`${store.url}/collect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: handoff });
    expect(anonymous.headers.getSetCookie().some((c) => c.startsWith('demo_cart=')), 'no cart cookie from a beacon').toBe(false);

    const product = await fetch(`${store.url}/products/SKU-481`);
    const cookie = product.headers.getSetCookie().find((c) => c.startsWith('demo_cart='))!.split(';')[0]!;
    await fetch(`${store.url}/collect`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: handoff });
    const cart = store.state.cart(cookie.split('=')[1]);
    expect(cart.context).toMatchObject({ ttclid: 'E.C.P.from-beacon', ttp: 'beacon-ttp', source: 'handoff', consent: { adUserData: 'denied' } });
  });

  it('Cancel on the payment page returns the shopper to their cart, items intact, with a message, and sends nothing', async () => {
    const { sent, store, payment } = await setUp();
    const product = await fetch(`${store.url}/products/SKU-481`);
    const cookie = product.headers.getSetCookie().find((c) => c.startsWith('demo_cart='))!.split(';')[0]!;
    const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
    await fetch(`${store.url}/cart/add`, { method: 'POST', headers, redirect: 'manual', body: form({ product: 'SKU-481', quantity: '2' }) });
    const checkout = await fetch(`${store.url}/checkout`, { method: 'POST', headers, redirect: 'manual', body: form({ email: 'buyer@example.com', phone: '+49 170 1234567', country: 'DE' }) });
    const payForm = hidden(await (await fetch(checkout.headers.get('location')!)).text());
    const cancelled = await fetch(`${payment.url}/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ ...payForm, status: 'cancelled' }) });
    const back = await fetch(cancelled.headers.get('location')!, { headers: { cookie }, redirect: 'manual' });
    expect(back.headers.get('location')).toBe('/cart?notice=payment-cancelled');
    const cart = await (await fetch(`${store.url}${back.headers.get('location')}`, { headers: { cookie } })).text();
    expect(cart).toContain('id="cart-notice"');
    expect(cart).toContain('Payment cancelled: you have not been charged. Your items are still in your cart.');
    expect(cart).toMatch(/<li class="line" data-sku="SKU-481">[\s\S]*value="2"/);

    // Paying the cancelled order afterwards (a stale tab) is refused and sends nothing.
    const late = await fetch(`${payment.url}/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ ...payForm, status: 'paid' }) });
    expect((await fetch(late.headers.get('location')!, { headers: { cookie }, redirect: 'manual' })).headers.get('location')).toBe('/cart');
    expect(sent).toEqual([]);
  });

  it('changes and removes cart lines with plain form posts', async () => {
    const { store } = await setUp();
    const product = await fetch(`${store.url}/products/SKU-205`);
    const cookie = product.headers.getSetCookie().find((c) => c.startsWith('demo_cart='))!.split(';')[0]!;
    const post = (path: string, values: Record<string, string>) =>
      fetch(`${store.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form(values) });
    await post('/cart/add', { product: 'SKU-205', quantity: '1' });
    await post('/cart/add', { product: 'SKU-112', quantity: '1' });
    expect((await post('/cart/update', { product: 'SKU-205', quantity: '4' })).headers.get('location')).toBe('/cart?notice=updated');
    expect((await post('/cart/update', { product: 'SKU-112', quantity: '1', remove: '1' })).headers.get('location')).toBe('/cart?notice=removed');
    expect((await post('/cart/update', { product: 'SKU-205', quantity: 'lots' })).headers.get('location'), 'a bad quantity changes nothing').toBe('/cart');
    const cart = store.state.cart(cookie.split('=')[1]);
    expect(cart.lines.map((l) => [l.product.id, l.quantity])).toEqual([['SKU-205', 4]]);
    const page = await (await fetch(`${store.url}/cart?notice=<script>`, { headers: { cookie } })).text();
    expect(page, 'an unknown notice key shows nothing').not.toContain('cart-notice');
    expect(page).toContain('id="cart-total">€99.60<');
  });
});
