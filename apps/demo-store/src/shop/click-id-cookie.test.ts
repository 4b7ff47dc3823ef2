import { describe, expect, it } from 'vitest';
import { clickIdCookies, clickIdFromUrl } from './click-id-cookie.js';

const granted = { adUserData: 'granted', adPersonalization: 'denied' } as const;
const denied = { adUserData: 'denied', adPersonalization: 'denied' } as const;

describe('the server’s click-id cookie follows the stored banner choice', () => {
  it('writes nothing before the visitor has chosen, even with a click id and a cookie at hand', () => {
    expect(clickIdCookies({ choice: undefined, clickId: 'E.C.P.x', cookieSent: true, secure: false })).toEqual([]);
  });

  it('sets the click id for 30 days once the choice grants storage', () => {
    const [cookie, ...rest] = clickIdCookies({ choice: granted, clickId: 'E.C.P.x', cookieSent: false, secure: false });
    expect(rest).toEqual([]);
    expect(cookie).toMatch(/^ttclid=E\.C\.P\.x; Max-Age=2592000; Path=\//);
    expect(cookie).not.toContain('Secure');
    expect(clickIdCookies({ choice: granted, clickId: 'E.C.P.x', cookieSent: false, secure: true })[0]).toContain('; Secure');
  });

  it('after a denial never sets it, and removes one the browser still holds', () => {
    expect(clickIdCookies({ choice: denied, clickId: 'E.C.P.x', cookieSent: false, secure: false })).toEqual([]);
    expect(clickIdCookies({ choice: denied, clickId: 'E.C.P.x', cookieSent: true, secure: false })).toEqual(['ttclid=; Max-Age=0; Path=/; SameSite=Lax']);
  });

  it('personalised ads alone do not grant storing the click id (it belongs to ad measurement)', () => {
    expect(clickIdCookies({ choice: { adUserData: 'denied', adPersonalization: 'granted' }, clickId: 'E.C.P.x', cookieSent: false, secure: false })).toEqual([]);
  });

  it('takes the click id from a landing URL and refuses junk (separators, whitespace, oversize)', () => {
    expect(clickIdFromUrl('/?ttclid=E.C.P.abc&utm_source=tt')).toBe('E.C.P.abc');
    expect(clickIdFromUrl('http://shop.test/products?ttclid=E.C.P.abc')).toBe('E.C.P.abc');
    for (const junk of ['a;b', 'a b', 'a"b', 'x'.repeat(501), '']) {
      expect(clickIdFromUrl(`/?ttclid=${encodeURIComponent(junk)}`), junk.slice(0, 10)).toBeUndefined();
    }
    expect(clickIdFromUrl('/products')).toBeUndefined();
    expect(clickIdFromUrl(undefined)).toBeUndefined();
    expect(clickIdCookies({ choice: granted, clickId: 'a;b', cookieSent: false, secure: false })).toEqual([]);
  });
});
