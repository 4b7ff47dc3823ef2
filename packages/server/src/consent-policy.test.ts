import type { ConsentValue } from '@pixelpair/core';
import { describe, expect, it } from 'vitest';
import { decideConsent } from './consent-policy.js';

type P = 'GRANTED' | 'DENIED' | undefined;
// [adUserData, adPersonalization, region, sendUserData, limited_data_use, ad_user_data, ad_personalization]
const TABLE: Array<[ConsentValue, ConsentValue, string | undefined, boolean, boolean, P, P]> = [
  // Opt-in region (DE): unknown counts as denied.
  ['granted', 'granted', 'DE', true, false, 'GRANTED', 'GRANTED'],
  ['granted', 'denied', 'DE', true, true, 'GRANTED', 'DENIED'],
  ['granted', 'unknown', 'DE', true, true, 'GRANTED', 'DENIED'],
  ['denied', 'granted', 'DE', false, false, 'DENIED', 'GRANTED'],
  ['denied', 'denied', 'DE', false, true, 'DENIED', 'DENIED'],
  ['denied', 'unknown', 'DE', false, true, 'DENIED', 'DENIED'],
  ['unknown', 'granted', 'DE', false, false, 'DENIED', 'GRANTED'],
  ['unknown', 'denied', 'DE', false, true, 'DENIED', 'DENIED'],
  ['unknown', 'unknown', 'DE', false, true, 'DENIED', 'DENIED'],
  // Opt-out region (US-CA): unknown is neither a denial nor claimed as a grant.
  ['granted', 'granted', 'US-CA', true, false, 'GRANTED', 'GRANTED'],
  ['granted', 'denied', 'US-CA', true, true, 'GRANTED', 'DENIED'],
  ['granted', 'unknown', 'US-CA', true, false, 'GRANTED', undefined],
  ['denied', 'granted', 'US-CA', false, false, 'DENIED', 'GRANTED'],
  ['denied', 'denied', 'US-CA', false, true, 'DENIED', 'DENIED'],
  ['denied', 'unknown', 'US-CA', false, false, 'DENIED', undefined],
  ['unknown', 'granted', 'US-CA', true, false, undefined, 'GRANTED'],
  ['unknown', 'denied', 'US-CA', true, true, undefined, 'DENIED'],
  ['unknown', 'unknown', 'US-CA', true, false, undefined, undefined],
  // No region known (default: not treated as opt-in).
  ['granted', 'granted', undefined, true, false, 'GRANTED', 'GRANTED'],
  ['granted', 'denied', undefined, true, true, 'GRANTED', 'DENIED'],
  ['granted', 'unknown', undefined, true, false, 'GRANTED', undefined],
  ['denied', 'granted', undefined, false, false, 'DENIED', 'GRANTED'],
  ['denied', 'denied', undefined, false, true, 'DENIED', 'DENIED'],
  ['denied', 'unknown', undefined, false, false, 'DENIED', undefined],
  ['unknown', 'granted', undefined, true, false, undefined, 'GRANTED'],
  ['unknown', 'denied', undefined, true, true, undefined, 'DENIED'],
  ['unknown', 'unknown', undefined, true, false, undefined, undefined],
];

describe('decideConsent: every combination', () => {
  it.each(TABLE)('adUserData=%s adPersonalization=%s region=%s', (adUserData, adPersonalization, region, send, ldu, aud, ap) => {
    const d = decideConsent({ adUserData, adPersonalization, ...(region ? { region } : {}) });
    expect(d.sendUserData).toBe(send);
    expect(d.limitedDataUse).toBe(ldu);
    expect(d.properties.ad_user_data).toBe(aud);
    expect(d.properties.ad_personalization).toBe(ap);
  });

  it.each(TABLE)('with forwarding off, nothing is forwarded but the policy holds (%s/%s/%s)', (adUserData, adPersonalization, region, send, ldu) => {
    const d = decideConsent({ adUserData, adPersonalization, ...(region ? { region } : {}) }, { forwardConsentProperties: false });
    expect(d.properties).toEqual({});
    expect(d.sendUserData).toBe(send);
    expect(d.limitedDataUse).toBe(ldu);
  });
});

describe('decideConsent: region sources and options', () => {
  const undecided = { adUserData: 'unknown', adPersonalization: 'unknown' } as const;
  it('uses the region hint (user.country) only when the consent state has no region', () => {
    expect(decideConsent(undecided, {}, 'FR').sendUserData).toBe(false);
    expect(decideConsent({ ...undecided, region: 'US' }, {}, 'FR').sendUserData).toBe(true);
  });
  it('treats the UK and Switzerland as opt-in by default', () => {
    expect(decideConsent({ ...undecided, region: 'GB' }).optIn).toBe(true);
    expect(decideConsent({ ...undecided, region: 'ch' }).optIn).toBe(true);
  });
  it('accepts a custom list of opt-in regions', () => {
    expect(decideConsent({ ...undecided, region: 'US-CA' }, { optInRegions: ['US'] }).sendUserData).toBe(false);
    expect(decideConsent({ ...undecided, region: 'DE' }, { optInRegions: ['US'] }).sendUserData).toBe(true);
  });
  it('can treat an unknown region as opt-in', () => {
    const d = decideConsent(undecided, { optInWhenRegionUnknown: true });
    expect([d.sendUserData, d.limitedDataUse, d.properties]).toEqual([false, true, { ad_user_data: 'DENIED', ad_personalization: 'DENIED' }]);
  });
});
