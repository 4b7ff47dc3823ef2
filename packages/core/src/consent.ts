/**
 * The consent model both twins share. Two signals, named after Google Consent Mode v2
 * because most CMPs already speak it:
 * - adUserData: may personal data (email, phone, external_id…) be sent for advertising?
 * - adPersonalization: may the event be used for personalised advertising?
 * Each is granted, denied or unknown (no decision yet). Region, CMP and decision time are
 * kept for audit: they travel to the server's delivery log, never into TikTok's payload.
 */

export type ConsentValue = 'granted' | 'denied' | 'unknown';

export interface ConsentCmp {
  name: string;
  version?: string;
}

export interface ConsentState {
  adUserData: ConsentValue;
  adPersonalization: ConsentValue;
  /** ISO 3166 region or country the decision was made in (e.g. `DE`, `US-CA`), when the CMP knows it. */
  region?: string;
  cmp?: ConsentCmp;
  /** ISO-8601 time of the decision; absent while undecided. */
  decidedAt?: string;
}

export const UNKNOWN_CONSENT: ConsentState = Object.freeze({ adUserData: 'unknown', adPersonalization: 'unknown' });

/**
 * Regions where the absence of a decision must be read as a denial (opt-in regimes):
 * the EEA, the UK and Switzerland.
 */
export const OPT_IN_REGIONS: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT',
  'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'GB', 'CH',
];

/**
 * Reads the many spellings CMPs use: true/false, 'granted'/'denied' in any case,
 * 'GRANTED', 1/0, 'yes'/'no'. Anything else is 'unknown', never a guess.
 */
export function toConsentValue(input: unknown): ConsentValue {
  if (input === true || input === 1) return 'granted';
  if (input === false || input === 0) return 'denied';
  if (typeof input !== 'string') return 'unknown';
  const v = input.trim().toLowerCase();
  if (v === 'granted' || v === 'true' || v === 'yes' || v === '1') return 'granted';
  if (v === 'denied' || v === 'false' || v === 'no' || v === '0') return 'denied';
  return 'unknown';
}

/** True when both signals have a decision. */
export function isConsentDecided(state: ConsentState): boolean {
  return state.adUserData !== 'unknown' && state.adPersonalization !== 'unknown';
}

/** The region's country part, upper-cased: `de` → `DE`, `US-CA` → `US`. */
export function regionCountry(region: string | undefined): string | undefined {
  const country = region?.trim().split(/[-_]/)[0]?.toUpperCase();
  return country ? country : undefined;
}

/** True when `region` is in an opt-in regime (by default the EEA, UK and CH). */
export function isOptInRegion(region: string | undefined, optInRegions: readonly string[] = OPT_IN_REGIONS): boolean {
  const country = regionCountry(region);
  return country !== undefined && optInRegions.includes(country);
}

/**
 * Applies an update from a CMP or a manual call: signals the update leaves unknown keep
 * their previous value; the decision time is stamped when something was decided.
 */
export function updateConsent(previous: ConsentState, update: Partial<Record<keyof ConsentState, unknown>>, now: () => string): ConsentState {
  const adUserData = toConsentValue(update.adUserData);
  const adPersonalization = toConsentValue(update.adPersonalization);
  const next: ConsentState = {
    ...previous,
    adUserData: adUserData === 'unknown' ? previous.adUserData : adUserData,
    adPersonalization: adPersonalization === 'unknown' ? previous.adPersonalization : adPersonalization,
  };
  if (typeof update.region === 'string' && update.region) next.region = update.region;
  const cmp = update.cmp as ConsentCmp | undefined;
  if (cmp && typeof cmp.name === 'string') next.cmp = cmp.version ? { name: cmp.name, version: String(cmp.version) } : { name: cmp.name };
  if (adUserData !== 'unknown' || adPersonalization !== 'unknown') next.decidedAt = now();
  return next;
}
