import { afterEach, describe, expect, it } from 'vitest';
import { createDemoStore } from '../store.js';
import type { DemoStore } from '../store.js';

let store: DemoStore | undefined;
afterEach(async () => store?.close());

describe('pictures and favicon', () => {
  it('serves each product picture and the favicon as SVG, and 404s an unknown picture', async () => {
    store = await createDemoStore({
      apiUrl: 'http://127.0.0.1:9/unused', accessToken: 'x', pixelId: 'CUNIT', paymentOrigin: 'http://127.0.0.1:9', paymentSecret: 's',
      backend: { hand: async () => ({ status: 'sent' }), close: async () => undefined },
    });
    for (const path of ['/art/SKU-481.svg', '/favicon.svg', '/favicon.ico']) {
      const res = await fetch(store.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('image/svg+xml; charset=utf-8');
      expect(await res.text(), path).toMatch(/^<svg/);
    }
    for (const path of ['/art/SKU-404.svg', '/art/../store.js', '/art/SKU-481.png']) expect((await fetch(store.url + path)).status, path).toBe(404);
    const page = await (await fetch(`${store.url}/products`)).text();
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(page.match(/<img src="\/art\/SKU-[0-9]+\.svg"/g)).toHaveLength(8);
  });
});
