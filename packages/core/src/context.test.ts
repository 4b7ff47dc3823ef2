import { describe, expect, it } from 'vitest';
import { contextFromFields, contextToFields, type CapturedContext } from './context.js';

const ctx: CapturedContext = {
  ttclid: 'E.C.P.abc',
  ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1',
  userAgent: 'Mozilla/5.0',
  page: { url: 'https://shop.example/thanks?x=1', referrer: 'https://shop.example/pay' },
  consent: { adUserData: 'granted', adPersonalization: 'denied', region: 'DE', cmp: { name: 'demo', version: '1' }, decidedAt: '2026-11-25T10:00:00.000Z' },
  capturedAt: '2026-11-25T10:00:01.000Z',
};

describe('context fields', () => {
  it('round-trips through hidden form fields', () => {
    expect(contextFromFields(contextToFields(ctx))).toEqual(ctx);
  });

  it('leaves absent values out and reads unknown consent as unknown', () => {
    const fields = contextToFields({ page: {}, consent: { adUserData: 'unknown', adPersonalization: 'unknown' }, capturedAt: 'now' });
    expect(fields).toEqual({ pp_ad_user_data: 'unknown', pp_ad_personalization: 'unknown', pp_captured_at: 'now' });
    const back = contextFromFields({ ...fields, pp_ad_user_data: 'GRANTED?' });
    expect(back.consent.adUserData).toBe('unknown');
    expect(back.ttclid).toBeUndefined();
  });

  it('ignores non-string field values', () => {
    expect(contextFromFields({ pp_ttclid: 42, pp_ttp: ['x'] }).ttclid).toBeUndefined();
  });
});
