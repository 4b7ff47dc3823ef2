/** Meta's and Google's click ids and cookies in the request context and the server-set cookies. */
import { describe, expect, it } from 'vitest';
import { expiredCookieHeaders, persistentCookieHeaders } from './cookies.js';
import { metaClickCookie, readRequestContext } from './request-context.js';

const NOW = 1_764_580_000_123;
const request = (url: string, cookie = '') => new Request(url, { headers: { cookie, 'user-agent': 'UA' } });

describe('Meta fbc from the request', () => {
  it('builds fb.1.<ms>.<fbclid> from a landing fbclid, its case kept', () => {
    const ctx = readRequestContext(request('https://shop.example/?fbclid=IwAR2F4-AbCdEf'), { now: () => NOW });
    expect(ctx.fbc).toBe(`fb.1.${NOW}.IwAR2F4-AbCdEf`);
  });

  it('keeps an _fbc cookie for the same click (its creation time), replaces it for a newer click', () => {
    const old = 'fb.1.1700000000000.IwAR2F4-AbCdEf';
    expect(readRequestContext(request('https://shop.example/?fbclid=IwAR2F4-AbCdEf', `_fbc=${old}`), { now: () => NOW }).fbc).toBe(old);
    expect(readRequestContext(request('https://shop.example/?fbclid=IwARnewer', `_fbc=${old}`), { now: () => NOW }).fbc).toBe(`fb.1.${NOW}.IwARnewer`);
    expect(readRequestContext(request('https://shop.example/cart', `_fbc=${old}; _fbp=fb.1.1700000000000.123456`)).fbc).toBe(old);
  });

  it('ignores a cookie that is not Meta’s format and a junk fbclid', () => {
    expect(metaClickCookie(null, 'fb.1.1700000000.IwAR', () => NOW)).toBeUndefined();
    expect(readRequestContext(request('https://shop.example/?fbclid=%22%3Bx', '_fbc=junk')).fbc).toBeUndefined();
  });

  it('reads _fbp verbatim', () => {
    expect(readRequestContext(request('https://shop.example/', '_fbp=fb.1.1596403881668.1116446470')).fbp).toBe('fb.1.1596403881668.1116446470');
  });
});

describe('Google click ids from the request', () => {
  it('takes gclid / gbraid / wbraid from the landing URL, else from pixelpair’s cookies', () => {
    expect(readRequestContext(request('https://shop.example/?gclid=EAIaIQob&wbraid=WB1'))).toMatchObject({ gclid: 'EAIaIQob', wbraid: 'WB1' });
    expect(readRequestContext(request('https://shop.example/cart', '_pp_gclid=EAIaIQob; _pp_gbraid=GB2'))).toMatchObject({ gclid: 'EAIaIQob', gbraid: 'GB2' });
  });
});

describe('server-set cookies for Meta and Google', () => {
  it('re-sets _fbc, mirrors _fbp and keeps Google click ids for 90 days', () => {
    const headers = persistentCookieHeaders({ fbc: `fb.1.${NOW}.IwAR`, fbp: 'fb.1.1.2', gclid: 'EAIaIQob' }, { secure: false });
    expect(headers).toEqual([
      `_fbc=fb.1.${NOW}.IwAR; Max-Age=7776000; Path=/; SameSite=Lax`,
      '_fbp=fb.1.1.2; Max-Age=7776000; Path=/; SameSite=Lax',
      '_pp_gclid=EAIaIQob; Max-Age=7776000; Path=/; SameSite=Lax',
    ]);
  });

  it('clears every click-id cookie the request carried after a denial', () => {
    expect(expiredCookieHeaders(['_fbc', '_pp_wbraid', 'session'], { secure: false })).toEqual(['_fbc=; Max-Age=0; Path=/; SameSite=Lax', '_pp_wbraid=; Max-Age=0; Path=/; SameSite=Lax']);
  });
});
