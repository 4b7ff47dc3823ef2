import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { persistentCookieHeaders } from './cookies.js';
import { clientIp, parseCookies, readRequestContext, trustedProxyList } from './request-context.js';

const TTP = '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1';

describe('readRequestContext from a Fetch Request', () => {
  it('reads ttclid and _ttp cookies and the user agent', () => {
    const req = new Request('https://shop.example/checkout', { headers: { cookie: `a=1; ttclid=E.C.P.abc; _ttp=${TTP}`, 'user-agent': 'Mozilla/5.0 Test' } });
    expect(readRequestContext(req)).toEqual({ ttclid: 'E.C.P.abc', ttp: TTP, userAgent: 'Mozilla/5.0 Test' });
  });

  it('prefers a fresh ttclid from the landing URL over the cookie', () => {
    const req = new Request('https://shop.example/?ttclid=E.C.P.new', { headers: { cookie: 'ttclid=E.C.P.old' } });
    expect(readRequestContext(req).ttclid).toBe('E.C.P.new');
  });

  it('believes X-Forwarded-For only from a trusted proxy', () => {
    const headers = { 'x-forwarded-for': '198.51.100.7, 10.0.0.2' };
    const req = () => new Request('https://shop.example/', { headers });
    expect(readRequestContext(req(), { remoteAddress: '10.0.0.1' }).ip).toBe('10.0.0.1');
    expect(readRequestContext(req(), { remoteAddress: '10.0.0.1', trustedProxies: ['10.0.0.0/8'] }).ip).toBe('198.51.100.7');
    expect(readRequestContext(req(), { remoteAddress: '203.0.113.9', trustedProxies: ['10.0.0.0/8'] }).ip).toBe('203.0.113.9');
    expect(readRequestContext(req()).ip).toBeUndefined();
  });
});

describe('clientIp', () => {
  const proxies = trustedProxyList(['10.0.0.0/8', '::1']);
  it.each<[string | undefined, string | undefined, string | undefined]>([
    ['10.1.1.1', '203.0.113.5', '203.0.113.5'],
    ['10.1.1.1', '6.6.6.6, 203.0.113.5, 10.2.2.2', '203.0.113.5'],
    ['::ffff:10.1.1.1', '2001:db8::5', '2001:db8::5'],
    ['::1', '203.0.113.5', '203.0.113.5'],
    ['10.1.1.1', 'garbage, 10.2.2.2', undefined],
    ['10.1.1.1', '10.3.3.3', '10.3.3.3'],
    ['198.51.100.1', '203.0.113.5', '198.51.100.1'],
    [undefined, '203.0.113.5', undefined],
  ])('peer %s, XFF %j → %s', (peer, xff, ip) => expect(clientIp(peer, xff, proxies)).toBe(ip));

  it('refuses a malformed proxy entry loudly', () => {
    expect(() => trustedProxyList(['not-an-ip'])).toThrow(/trusted proxy/);
  });
});

describe('readRequestContext from a node IncomingMessage', () => {
  it('reads the socket address, cookies and query', async () => {
    let seen: ReturnType<typeof readRequestContext> | undefined;
    const server = createServer((req: IncomingMessage, res) => {
      seen = readRequestContext(req, { trustedProxies: ['127.0.0.1'] });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest({ port, host: '127.0.0.1', path: '/land?ttclid=E.C.P.q', headers: { cookie: `_ttp=${TTP}`, 'user-agent': 'UA', 'x-forwarded-for': '203.0.113.77' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    server.close();
    expect(seen).toEqual({ ttclid: 'E.C.P.q', ttp: TTP, ip: '203.0.113.77', userAgent: 'UA' });
  });
});

describe('parseCookies', () => {
  it('decodes values, keeps the first of duplicates and ignores junk', () => {
    expect(parseCookies('a=1; b="x y"; junk; c=%E2%9C%93; a=2; d=%ZZ')).toEqual({ a: '1', b: 'x y', c: '✓', d: '%ZZ' });
  });
});

describe('persistentCookieHeaders', () => {
  it('re-sets ttclid for 30 days and mirrors _ttp for 13 months, verbatim', () => {
    expect(persistentCookieHeaders({ ttclid: 'E.C.P.CvQBA', ttp: TTP }, { domain: '.shop.example' })).toEqual([
      'ttclid=E.C.P.CvQBA; Max-Age=2592000; Path=/; Domain=.shop.example; Secure; SameSite=Lax',
      `_ttp=${TTP}; Max-Age=34128000; Path=/; Domain=.shop.example; Secure; SameSite=Lax`,
    ]);
  });

  it('honours days and secure, encodes unsafe values, and sets nothing without ids', () => {
    expect(persistentCookieHeaders({ ttclid: 'a b;c' }, { days: 7, secure: false })).toEqual(['ttclid=a%20b%3Bc; Max-Age=604800; Path=/; SameSite=Lax']);
    expect(persistentCookieHeaders({})).toEqual([]);
    expect(() => persistentCookieHeaders({ ttclid: 'x' }, { domain: 'evil.com; HttpOnly' })).toThrow(/domain/);
  });
});
