import { describe, expect, it } from 'vitest';
import { clickIdCookies, clickIdsFromUrl } from './click-id-cookie.js';

const granted = { adUserData: 'granted', adPersonalization: 'denied' } as const;
const denied = { adUserData: 'denied', adPersonalization: 'denied' } as const;
const ids = { ttclid: 'E.C.P.x' };

describe('the server’s click-id cookies follow the stored banner choice', () => {
  it('writes nothing before the visitor has chosen, even with a click id and a cookie at hand', () => {
    expect(clickIdCookies({ choice: undefined, ids, cookieHeader: 'ttclid=E.C.P.old', secure: false })).toEqual([]);
  });

  it('sets the click id for 30 days once the choice grants storage', () => {
    const [cookie, ...rest] = clickIdCookies({ choice: granted, ids, cookieHeader: undefined, secure: false });
    expect(rest).toEqual([]);
    expect(cookie).toMatch(/^ttclid=E\.C\.P\.x; Max-Age=2592000; Path=\//);
    expect(cookie).not.toContain('Secure');
    expect(clickIdCookies({ choice: granted, ids, cookieHeader: undefined, secure: true })[0]).toContain('; Secure');
  });

  it('after a denial never sets them, and removes the ones the browser still holds', () => {
    expect(clickIdCookies({ choice: denied, ids, cookieHeader: undefined, secure: false })).toEqual([]);
    expect(clickIdCookies({ choice: denied, ids, cookieHeader: 'ttclid=E.C.P.x; _fbc=fb.1.1.a; other=1', secure: false })).toEqual([
      'ttclid=; Max-Age=0; Path=/; SameSite=Lax',
      '_fbc=; Max-Age=0; Path=/; SameSite=Lax',
    ]);
  });

  it('personalised ads alone do not grant storing the click id (it belongs to ad measurement)', () => {
    expect(clickIdCookies({ choice: { adUserData: 'denied', adPersonalization: 'granted' }, ids, cookieHeader: undefined, secure: false })).toEqual([]);
  });

  it('takes the click ids from a landing URL and refuses junk (separators, whitespace, oversize)', () => {
    expect(clickIdsFromUrl('/?ttclid=E.C.P.abc&utm_source=tt')).toEqual({ ttclid: 'E.C.P.abc' });
    expect(clickIdsFromUrl('http://shop.test/products?ttclid=E.C.P.abc')).toEqual({ ttclid: 'E.C.P.abc' });
    for (const junk of ['a;b', 'a b', 'a"b', 'x'.repeat(501), '']) {
      expect(clickIdsFromUrl(`/?ttclid=${encodeURIComponent(junk)}`), junk.slice(0, 10)).toEqual({});
    }
    expect(clickIdsFromUrl('/products')).toEqual({});
    expect(clickIdsFromUrl(undefined)).toEqual({});
  });

  it("builds Meta's _fbc from a landing fbclid and keeps Google's click ids, for 90 days", () => {
    const found = clickIdsFromUrl('/?fbclid=IwAR-Case&gclid=EAIaIQob');
    expect(found.fbc).toMatch(/^fb\.1\.\d{13}\.IwAR-Case$/);
    expect(found.gclid).toBe('EAIaIQob');
    const cookies = clickIdCookies({ choice: granted, ids: found, cookieHeader: undefined, secure: false });
    expect(cookies.map((c) => c.split(';')[0]!.split('=')[0])).toEqual(['_fbc', '_pp_gclid']);
    expect(cookies.every((c) => c.includes('Max-Age=7776000'))).toBe(true);
    // The same click again keeps the cookie's creation time.
    expect(clickIdsFromUrl('/?fbclid=IwAR-Case', `_fbc=fb.1.1700000000000.IwAR-Case`).fbc).toBe('fb.1.1700000000000.IwAR-Case');
  });
});
