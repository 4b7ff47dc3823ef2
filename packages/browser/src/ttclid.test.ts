import { beforeEach, describe, expect, it } from 'vitest';
import { nextTask, resetPage, watchCookies } from './test-helpers.js';

async function fresh() {
  const { vi } = await import('vitest');
  vi.resetModules();
  const [ttclid, { state }, cookies] = await Promise.all([import('./ttclid.js'), import('./state.js'), import('./cookies.js')]);
  return { ...ttclid, state, cookies };
}

beforeEach(() => {
  delete (document as any).cookie;
});

describe('captureTtclid', () => {
  it('takes the ttclid from the landing URL and keeps it in the ttclid cookie', async () => {
    resetPage('https://shop.example.com/?ttclid=E.C.P.landing&utm_source=tiktok');
    const { captureTtclid, currentTtclid } = await fresh();
    captureTtclid();
    await nextTask();
    expect(document.cookie).toContain('ttclid=E.C.P.landing');
    expect(currentTtclid()).toBe('E.C.P.landing');
  });

  it('survives navigation to a page without it (read back from the cookie)', async () => {
    resetPage('https://shop.example.com/?ttclid=E.C.P.first');
    (await fresh()).captureTtclid();
    resetPage('https://shop.example.com/product/1');
    document.cookie = 'ttclid=E.C.P.first; path=/'; // resetPage cleared cookies; the browser would keep it
    const { captureTtclid, currentTtclid } = await fresh();
    captureTtclid();
    expect(currentTtclid()).toBe('E.C.P.first');
  });

  it('replaces an older click id with a newer landing', async () => {
    resetPage('https://shop.example.com/?ttclid=old');
    (await fresh()).captureTtclid();
    await nextTask();
    (window as any).happyDOM.setURL('https://shop.example.com/?ttclid=new');
    const { captureTtclid, currentTtclid } = await fresh();
    captureTtclid();
    await nextTask();
    expect(currentTtclid()).toBe('new');
    expect(document.cookie.match(/ttclid=/g)).toHaveLength(1);
  });

  it('recovers it from a same-site referrer when a redirect dropped it', async () => {
    resetPage('https://checkout.example.com/cart', 'https://www.example.com/landing?ttclid=E.C.P.ref');
    const { captureTtclid, currentTtclid } = await fresh();
    captureTtclid();
    expect(currentTtclid()).toBe('E.C.P.ref');
  });

  it('ignores a ttclid on a referrer from another site', async () => {
    resetPage('https://shop.example.com/', 'https://other-shop.com/?ttclid=E.C.P.theirs');
    const { captureTtclid, currentTtclid } = await fresh();
    captureTtclid();
    expect(currentTtclid()).toBeUndefined();
  });

  it('ignores malformed referrers and values that are not click ids', async () => {
    resetPage('https://shop.example.com/?ttclid=has%20space', 'not a url');
    const { captureTtclid, currentTtclid } = await fresh();
    expect(() => captureTtclid()).not.toThrow();
    expect(currentTtclid()).toBeUndefined();
  });

  it('keeps the click id in memory when cookies are disabled', async () => {
    resetPage('https://shop.example.com/?ttclid=E.C.P.mem');
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: () => {} });
    const { captureTtclid, currentTtclid } = await fresh();
    captureTtclid();
    expect(currentTtclid()).toBe('E.C.P.mem');
  });

  it('persists without reading document.cookie (a synchronous round trip in Chromium)', async () => {
    resetPage('http://127.0.0.1:4173/?ttclid=E.C.P.fast');
    const { captureTtclid } = await fresh();
    let reads = 0;
    let proto = Object.getPrototypeOf(document);
    while (!Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto);
    const native = Object.getOwnPropertyDescriptor(proto, 'cookie')!;
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => (reads++, native.get!.call(document)), set: (v: string) => native.set!.call(document, v) });
    captureTtclid();
    await nextTask();
    expect(reads).toBe(0);
    delete (document as any).cookie;
    expect(document.cookie).toContain('ttclid=E.C.P.fast');
  });

  it('uses the configured cookie lifetime', async () => {
    resetPage('https://shop.example.com/?ttclid=E.C.P.days');
    const { captureTtclid, state } = await fresh();
    const writes = watchCookies();
    state._days = 90;
    captureTtclid();
    await nextTask();
    const write = writes.find((w) => w.startsWith('ttclid=E.C.P.days'))!;
    expect(Math.round((Date.parse(/expires=([^;]+)/.exec(write)![1]!) - Date.now()) / 86_400_000)).toBe(90);
  });
});
