import { beforeEach, describe, expect, it } from 'vitest';
import { readCookie, resetSiteDomain, siteDomain, writeCookie } from './cookies.js';
import { resetPage, watchCookies } from './test-helpers.js';

let writes: string[] = [];
const watchCookieWrites = () => {
  writes = watchCookies();
};

beforeEach(() => {
  delete (document as any).cookie;
  resetSiteDomain();
});

describe('siteDomain', () => {
  it('walks up to the highest domain the browser accepts, skipping public suffixes', () => {
    resetPage('https://checkout.shop.example.co.uk/pay');
    expect(siteDomain()).toBe('example.co.uk');
    expect(document.cookie).not.toContain('_pp_probe');
  });

  it('uses no domain on IP addresses and single-label hosts', () => {
    resetPage('http://127.0.0.1:4173/');
    expect(siteDomain()).toBeUndefined();
    resetSiteDomain();
    resetPage('http://localhost:3000/');
    expect(siteDomain()).toBeUndefined();
  });
});

describe('writeCookie', () => {
  it('writes at the site domain for the given days, Lax, Secure on https', () => {
    resetPage('https://shop.example.com/');
    watchCookieWrites();
    writeCookie('ttclid', 'E.C.P.abc', 30);
    const write = writes.find((w) => w.startsWith('ttclid=E.C.P.abc'))!;
    expect(write).toMatch(/domain=example\.com/);
    expect(write).toMatch(/samesite=Lax/i);
    expect(write).toMatch(/secure/i);
    const expires = Date.parse(/expires=([^;]+)/.exec(write)![1]!);
    expect(Math.round((expires - Date.now()) / 86_400_000)).toBe(30);
    expect(readCookie('ttclid')).toBe('E.C.P.abc');
  });

  it('replaces a host-only copy that would shadow the shared cookie', () => {
    resetPage('https://shop.example.com/');
    document.cookie = 'ttclid=old; path=/';
    writeCookie('ttclid', 'new', 30);
    expect(document.cookie.match(/ttclid=/g)).toHaveLength(1);
    expect(readCookie('ttclid')).toBe('new');
  });

  it('honours a configured domain', () => {
    resetPage('https://a.b.example.com/');
    watchCookieWrites();
    writeCookie('ttclid', 'x', 7, 'b.example.com');
    expect(writes.some((w) => w.startsWith('ttclid=x') && /domain=b\.example\.com/.test(w))).toBe(true);
  });

  it('never throws when document.cookie throws (cookies disabled, hostile page)', () => {
    resetPage('https://shop.example.com/');
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => { throw new Error('denied'); }, set: () => { throw new Error('denied'); } });
    expect(() => writeCookie('ttclid', 'x', 30)).not.toThrow();
    expect(readCookie('ttclid')).toBeUndefined();
  });
});
