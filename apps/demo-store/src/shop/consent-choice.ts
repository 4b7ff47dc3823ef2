/**
 * The demo banner's own record of the visitor's choice (a first-party cookie), so each
 * page can restore it into pixelpair before the Pixel fires anything.
 */
export const CONSENT_COOKIE = 'demo_consent';

export interface ConsentChoice {
  adUserData: 'granted' | 'denied';
  adPersonalization: 'granted' | 'denied';
}

const value = (v: string | undefined) => (v === 'granted' || v === 'denied' ? v : undefined);

/** `granted.denied` → `{ adUserData: 'granted', adPersonalization: 'denied' }`; anything else is no choice. */
export function parseConsentChoice(raw: string | undefined): ConsentChoice | undefined {
  if (!raw) return undefined;
  const parts = raw.split('.');
  if (parts.length !== 2) return undefined;
  const [a, p] = parts;
  const adUserData = value(a);
  const adPersonalization = value(p);
  return adUserData && adPersonalization ? { adUserData, adPersonalization } : undefined;
}

/**
 * May the shop store the ad click id on the device? The banner asks one question for ad
 * measurement, and its answer covers remembering the ad the visitor came from (the
 * storage part, Consent Mode's ad_storage) as well as sending data to TikTok (ad_user_data).
 */
export function grantsClickIdStorage(choice: ConsentChoice): boolean {
  return choice.adUserData === 'granted';
}

export function formatConsentChoice(choice: ConsentChoice): string {
  return `${choice.adUserData}.${choice.adPersonalization}`;
}
