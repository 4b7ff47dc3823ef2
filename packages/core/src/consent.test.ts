import { describe, expect, it } from 'vitest';
import { isConsentDecided, isOptInRegion, toConsentValue, UNKNOWN_CONSENT, updateConsent } from './consent.js';

const now = () => '2026-11-25T10:00:00.000Z';

describe('toConsentValue', () => {
  it.each([
    [true, 'granted'], ['GRANTED', 'granted'], ['granted', 'granted'], [1, 'granted'], ['yes', 'granted'],
    [false, 'denied'], ['DENIED', 'denied'], [' denied ', 'denied'], [0, 'denied'], ['no', 'denied'],
    [undefined, 'unknown'], [null, 'unknown'], ['maybe', 'unknown'], [{}, 'unknown'],
  ])('%j → %s', (input, expected) => expect(toConsentValue(input)).toBe(expected));
});

describe('updateConsent', () => {
  it('stamps the decision time and keeps audit fields', () => {
    const next = updateConsent(UNKNOWN_CONSENT, { adUserData: 'granted', adPersonalization: false, region: 'DE', cmp: { name: 'tcf', version: '2.2' } }, now);
    expect(next).toEqual({ adUserData: 'granted', adPersonalization: 'denied', region: 'DE', cmp: { name: 'tcf', version: '2.2' }, decidedAt: now() });
    expect(isConsentDecided(next)).toBe(true);
  });

  it('keeps previous values for signals the update leaves unknown', () => {
    const first = updateConsent(UNKNOWN_CONSENT, { adUserData: 'denied' }, now);
    const second = updateConsent(first, { adPersonalization: 'granted' }, now);
    expect(second.adUserData).toBe('denied');
    expect(second.adPersonalization).toBe('granted');
  });

  it('does not stamp a decision when nothing was decided', () => {
    expect(updateConsent(UNKNOWN_CONSENT, { region: 'US-CA' }, now).decidedAt).toBeUndefined();
    expect(isConsentDecided(UNKNOWN_CONSENT)).toBe(false);
  });
});

describe('isOptInRegion', () => {
  it.each([['DE', true], ['de', true], ['GB', true], ['CH', true], ['NO', true], ['US', false], ['US-CA', false], [undefined, false], ['', false]])(
    '%s → %s',
    (region, expected) => expect(isOptInRegion(region)).toBe(expected),
  );

  it('accepts a custom list', () => {
    expect(isOptInRegion('US-CA', ['US'])).toBe(true);
  });
});
