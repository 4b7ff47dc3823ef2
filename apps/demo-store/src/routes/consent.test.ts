/**
 * Issue 12, finding 9 (the demo's own cookie): the server sets its `ttclid` cookie only once
 * the visitor's stored banner choice grants storage, never before a choice or after a
 * denial; the banner's POST /consent lets it do so right when the choice is made.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contextToFields } from '@pixelpair/core';
import { createDemoStore } from '../store.js';
import type { DemoStore } from '../store.js';

let store: DemoStore | undefined;
afterEach(async () => store?.close());

async function setUp(): Promise<DemoStore> {
  store = await createDemoStore({
    apiUrl: 'http://127.0.0.1:9/unused', accessToken: 'x', pixelId: 'CUNIT', paymentOrigin: 'http://127.0.0.1:9', paymentSecret: 's',
    backend: { hand: async () => ({ status: 'sent' }), close: async () => undefined },
  });
  return store;
}

const ttclidCookies = (res: Response) => res.headers.getSetCookie().filter((c) => c.startsWith('ttclid='));
const landing = (s: DemoStore, cookie?: string) => fetch(`${s.url}/?ttclid=E.C.P.landing-1`, { headers: cookie ? { cookie } : {} });
const stored = (s: DemoStore, cookie: string, page = `${s.url}/?ttclid=E.C.P.banner-1`) =>
  fetch(`${s.url}/consent`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ page }).toString() });

describe('the demo server’s ttclid cookie and the stored consent choice', () => {
  it('a landing with ?ttclid= sets no cookie before the visitor has chosen', async () => {
    const s = await setUp();
    const res = await landing(s);
    expect(res.status).toBe(200);
    expect(ttclidCookies(res)).toEqual([]);
  });

  it('after "Reject all" no page and no consent call sets it; a click-id cookie still held is removed', async () => {
    const s = await setUp();
    expect(ttclidCookies(await landing(s, 'demo_consent=denied.denied'))).toEqual([]);
    expect(ttclidCookies(await fetch(`${s.url}/products`, { headers: { cookie: 'demo_consent=denied.denied' } }))).toEqual([]);
    expect(ttclidCookies(await stored(s, 'demo_consent=denied.denied'))).toEqual([]);
    const held = 'demo_consent=denied.denied; ttclid=E.C.P.old';
    expect(ttclidCookies(await landing(s, held))).toEqual(['ttclid=; Max-Age=0; Path=/; SameSite=Lax']);
    expect(ttclidCookies(await stored(s, held))).toEqual(['ttclid=; Max-Age=0; Path=/; SameSite=Lax']);
  });

  it('once the stored choice grants it: a landing sets it, and the banner’s call sets it from the page it was answered on', async () => {
    const s = await setUp();
    const [fromLanding] = ttclidCookies(await landing(s, 'demo_consent=granted.denied'));
    expect(fromLanding).toMatch(/^ttclid=E\.C\.P\.landing-1; Max-Age=2592000; Path=\/; SameSite=Lax$/);
    const answered = await stored(s, 'demo_consent=granted.granted');
    expect(answered.status).toBe(204);
    expect(ttclidCookies(answered)).toEqual([expect.stringMatching(/^ttclid=E\.C\.P\.banner-1; Max-Age=2592000;/)]);
    // Answered on a page without the parameter: the click id the browser already holds is re-set by the server.
    expect(ttclidCookies(await stored(s, 'demo_consent=granted.granted; ttclid=E.C.P.held', `${s.url}/products`))).toEqual([expect.stringMatching(/^ttclid=E\.C\.P\.held;/)]);
  });

  it('a consent call with no stored choice (cookies blocked) sets nothing', async () => {
    const s = await setUp();
    expect(ttclidCookies(await stored(s, 'ttclid=E.C.P.held'))).toEqual([]);
  });

  it('a page without ?ttclid= does not refresh the cookie, so the click keeps its own 30 days', async () => {
    const s = await setUp();
    expect(ttclidCookies(await fetch(`${s.url}/products`, { headers: { cookie: 'demo_consent=granted.granted; ttclid=E.C.P.held' } }))).toEqual([]);
  });

  it('after a denial the click id is still kept on the server-side cart (the consent policy governs its use)', async () => {
    const s = await setUp();
    const product = await fetch(`${s.url}/products/SKU-481`, { headers: { cookie: 'demo_consent=denied.denied' } });
    const cart = product.headers.getSetCookie().find((c) => c.startsWith('demo_cart='))!.split(';')[0]!;
    const fields = contextToFields({ ttclid: 'E.C.P.kept', page: {}, consent: { adUserData: 'denied', adPersonalization: 'denied' }, capturedAt: '2026-11-25T06:00:00.000Z' });
    const added = await fetch(`${s.url}/cart/add`, {
      method: 'POST', redirect: 'manual', headers: { cookie: `${cart}; demo_consent=denied.denied`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ product: 'SKU-481', quantity: '1', ...fields }).toString(),
    });
    expect(ttclidCookies(added)).toEqual([]);
    expect(s.state.cart(cart.split('=')[1]).context).toMatchObject({ ttclid: 'E.C.P.kept', consent: { adUserData: 'denied' } });
  });
});
