import { describe, expect, it } from 'vitest';
import { formatConsentChoice, parseConsentChoice } from './consent-choice.js';

describe('banner choice cookie', () => {
  it('round-trips a choice', () => {
    const choice = { adUserData: 'granted', adPersonalization: 'denied' } as const;
    expect(parseConsentChoice(formatConsentChoice(choice))).toEqual(choice);
  });

  it('reads anything else as no choice yet', () => {
    for (const raw of [undefined, '', 'granted', 'yes.no', 'granted.granted.x', 'unknown.granted']) {
      expect(parseConsentChoice(raw), String(raw)).toBeUndefined();
    }
  });
});
