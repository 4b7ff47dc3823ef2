import { describe, expect, it } from 'vitest';
import { hasClickIds, keepLandingClickIds } from './landing-click-ids.js';
import type { StoredContext } from './stored-context.js';

const cart: StoredContext = {
  ttclid: 'E.C.P.old', ttp: 'ttp-1', gclid: 'CjOld', ip: '203.0.113.9', page: { url: 'http://shop.test/cart' },
  consent: { adUserData: 'denied', adPersonalization: 'denied' }, capturedAt: '2026-11-25T06:00:00.000Z', source: 'form',
};

describe('the landing’s click ids on the cart record', () => {
  it('a cart without a context gets a request-only one holding the ids (consent unknown until the browser says)', () => {
    expect(keepLandingClickIds(undefined, { gclid: 'CjNew' }, new Date('2026-11-25T07:00:00Z'))).toEqual({
      gclid: 'CjNew', page: {}, consent: { adUserData: 'unknown', adPersonalization: 'unknown' }, capturedAt: '2026-11-25T07:00:00.000Z', source: 'request',
    });
  });

  it('the newest click wins and the rest of the record (its recorded denial included) stays', () => {
    expect(keepLandingClickIds(cart, { ttclid: 'E.C.P.new' })).toEqual({ ...cart, ttclid: 'E.C.P.new' });
  });

  it('a new Google click replaces the old one’s ids, so a stale gclid cannot win over a new gbraid', () => {
    const kept = keepLandingClickIds(cart, { gbraid: '0AAAA-new' });
    expect(kept).toMatchObject({ gbraid: '0AAAA-new', ttclid: 'E.C.P.old' });
    expect(kept).not.toHaveProperty('gclid');
    expect(cart.gclid, 'the previous record is not changed in place').toBe('CjOld');
  });

  it('hasClickIds: only a present value counts', () => {
    expect([hasClickIds({}), hasClickIds({ gclid: '' }), hasClickIds({ fbc: 'fb.1.1.x' })]).toEqual([false, false, true]);
  });
});
