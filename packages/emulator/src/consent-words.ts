/** Consent and status as words a marketer reads, never raw null/true. */
import type { DeclaredConsent, PixelCopy } from './pair-copies.js';

export type LimitedDataUse = 'on' | 'off' | 'not_set';

export interface ServerConsentWords {
  adUserData: DeclaredConsent;
  adPersonalization: DeclaredConsent;
  limitedDataUse: LimitedDataUse;
  /** One line per signal, e.g. "Ad data: refused". */
  text: string[];
}

const DECLARED: Record<DeclaredConsent, string> = { granted: 'granted', denied: 'refused', not_stated: 'not stated' };

// A few dozen combinations at most: share one answer per combination (pairs may number 100k).
const cache = new Map<string, ServerConsentWords>();

/** Which signals the platform's server API can carry at all (destinations.ts); what it cannot carry is said so, or left out. */
export interface ConsentFields { consentField: boolean; limitedDataUseField: boolean }

/** `consentField: false` (Meta) says so instead of "not stated"; `limitedDataUseField: false` (Google) leaves the line out. */
export function serverConsentWords(
  consent: { adUserData: DeclaredConsent; adPersonalization: DeclaredConsent; limitedDataUse: boolean | null },
  platform: string,
  fields: ConsentFields = { consentField: true, limitedDataUseField: true },
): ServerConsentWords {
  const key = `${consent.adUserData}|${consent.adPersonalization}|${consent.limitedDataUse}|${platform}|${fields.consentField}|${fields.limitedDataUseField}`;
  let words = cache.get(key);
  if (!words) cache.set(key, (words = describe(consent, platform, fields)));
  return words;
}

function describe(consent: { adUserData: DeclaredConsent; adPersonalization: DeclaredConsent; limitedDataUse: boolean | null }, platform: string, fields: ConsentFields): ServerConsentWords {
  const ldu: LimitedDataUse = consent.limitedDataUse === null ? 'not_set' : consent.limitedDataUse ? 'on' : 'off';
  const lduText = ldu === 'on' ? `on (${platform} limits how it uses this event)` : ldu === 'off' ? 'off' : 'not set (same as off)';
  return {
    adUserData: consent.adUserData,
    adPersonalization: consent.adPersonalization,
    limitedDataUse: ldu,
    text: [
      fields.consentField || consent.adUserData !== 'not_stated' ? `Ad data: ${DECLARED[consent.adUserData]}` : `Ad data: ${platform} has no consent field`,
      `Personalised ads: ${DECLARED[consent.adPersonalization]}`,
      ...(fields.limitedDataUseField ? [`Limited data use: ${lduText}`] : []),
    ],
  };
}

export function pixelConsentWords(consent: PixelCopy['consent']): string {
  switch (consent) {
    case 'default': return 'no consent mode on the page';
    case 'held': return "waiting for the shopper's consent choice";
    case 'granted': return 'consent granted';
    case 'revoked': return 'consent refused';
  }
}
