import { describe, expect, it } from 'vitest';
import { contextToFields } from '@pixelpair/core';
import type { CapturedContext } from '@pixelpair/core';
import { contextFromForm, refreshContext, storeContext } from './stored-context.js';

const browser: CapturedContext = {
  ttclid: 'E.C.P.browser',
  ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1',
  userAgent: 'Mozilla/5.0 (browser)',
  page: { url: 'http://shop.test/checkout', referrer: 'http://shop.test/cart' },
  consent: { adUserData: 'granted', adPersonalization: 'denied', cmp: { name: 'demo-banner', version: '1' }, decidedAt: '2026-11-25T06:00:00.000Z' },
  capturedAt: '2026-11-25T06:01:00.000Z',
};
const request = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (request)', ttclid: 'E.C.P.cookie', ttp: 'cookie-ttp', locale: 'de-DE' };

describe('context capture from form fields', () => {
  it('takes ttclid, _ttp, user agent and consent from the hidden fields and the IP from the request', () => {
    const form = { email: 'a@example.com', ...contextToFields(browser) };
    const stored = contextFromForm(form, request);
    expect(stored).toEqual({
      ttclid: 'E.C.P.browser', ttp: browser.ttp, userAgent: 'Mozilla/5.0 (browser)', ip: '203.0.113.9', locale: 'de-DE',
      page: browser.page, consent: browser.consent, capturedAt: browser.capturedAt, source: 'form',
    });
  });

  it('falls back to what the request shows when no script ran (pixelpair blocked)', () => {
    const stored = contextFromForm({ email: 'a@example.com' }, request, new Date('2026-11-25T07:00:00Z'));
    expect(stored).toMatchObject({ source: 'request', ttclid: 'E.C.P.cookie', ttp: 'cookie-ttp', userAgent: 'Mozilla/5.0 (request)', capturedAt: '2026-11-25T07:00:00.000Z' });
    expect(stored.consent).toEqual({ adUserData: 'unknown', adPersonalization: 'unknown' });
  });

  it('a later capture keeps identifiers it lacks, and a request-only capture keeps the recorded consent', () => {
    const earlier = storeContext(browser, request, 'handoff');
    const later = storeContext(undefined, { ip: '198.51.100.1' }, 'form');
    const merged = refreshContext(earlier, later);
    expect(merged).toMatchObject({ ttclid: 'E.C.P.browser', ttp: browser.ttp, userAgent: 'Mozilla/5.0 (browser)', ip: '198.51.100.1' });
    expect(merged.consent).toEqual(browser.consent);
  });

  it('a newer browser decision replaces the older one', () => {
    const earlier = storeContext(browser, request, 'handoff');
    const revoked = storeContext({ ...browser, consent: { adUserData: 'denied', adPersonalization: 'denied' } }, request, 'form');
    expect(refreshContext(earlier, revoked).consent).toEqual({ adUserData: 'denied', adPersonalization: 'denied' });
  });
});
