import { describe, expect, it } from 'vitest';
import { fbclidOf, fbcSubdomainIndex, formatFbc, isFbc } from './fbc.js';

describe('Meta _fbc', () => {
  it("follows Meta's format with the time in milliseconds and the fbclid's case kept", () => {
    const fbc = formatFbc('IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk', 1554763741205);
    expect(fbc).toBe('fb.1.1554763741205.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk');
    expect(isFbc(fbc)).toBe(true);
    expect(fbclidOf(fbc)).toBe('IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk');
  });

  it('refuses the seconds-instead-of-milliseconds mistake', () => {
    expect(isFbc('fb.1.1554763741.IwAR')).toBe(false);
    expect(fbclidOf('fb.1.1554763741.IwAR')).toBeNull();
    expect(fbclidOf('not-a-cookie')).toBeNull();
  });

  it('counts the subdomain index from the cookie domain', () => {
    expect(fbcSubdomainIndex('com')).toBe(0);
    expect(fbcSubdomainIndex('example.com')).toBe(1);
    expect(fbcSubdomainIndex('.example.com')).toBe(1);
    expect(fbcSubdomainIndex('www.example.com')).toBe(2);
    expect(fbcSubdomainIndex(undefined)).toBe(1);
  });
});
