/**
 * The consent policy, applied at dispatch: one deterministic function of the consent state
 * captured with the event. TikTok's API has a single privacy flag (`limited_data_use`), so:
 * - adUserData denied → no email, phone, external_id, name, zip, city, state or country leaves
 *   the process (the context keys ttclid, ttp, ip, user_agent and locale stay, as the design
 *   notes' denied example shows);
 * - adPersonalization denied → `limited_data_use: true`;
 * - "unknown" in an opt-in region (EEA, UK, CH by default) counts as denied; elsewhere it is
 *   not a denial, and it is not claimed as a grant either (nothing is forwarded for it);
 * - both effective signals are forwarded as `properties.ad_user_data` / `ad_personalization`
 *   (`GRANTED` / `DENIED`), as the design notes ask, unless `forwardConsentProperties` is off.
 * Region and CMP stay in the delivery log, never in the payload.
 */
import { isOptInRegion, OPT_IN_REGIONS, type ConsentState, type ConsentValue } from '@pixelpair/core';

export interface ConsentPolicyOptions {
  /** Countries where no decision means "denied". Default: core's OPT_IN_REGIONS (EEA, UK, CH). */
  optInRegions?: readonly string[];
  /** Treat an event with no region at all as opt-in (safe default for an EU-only shop). Default false. */
  optInWhenRegionUnknown?: boolean;
  /** Forward `properties.ad_user_data` / `ad_personalization`. Default true. */
  forwardConsentProperties?: boolean;
}

export type EffectiveConsent = 'granted' | 'denied' | 'not_required';

export interface ConsentDecision {
  adUserData: EffectiveConsent;
  adPersonalization: EffectiveConsent;
  /** May email/phone/external_id/name/zip/location be sent? */
  sendUserData: boolean;
  limitedDataUse: boolean;
  /** Merged into `properties` (empty when forwarding is off or nothing was decided). */
  properties: { ad_user_data?: 'GRANTED' | 'DENIED'; ad_personalization?: 'GRANTED' | 'DENIED' };
  /** Whether the region was treated as opt-in. */
  optIn: boolean;
}

/** `regionHint` (e.g. user.country) is used only when the consent state carries no region. */
export function decideConsent(consent: ConsentState, options: ConsentPolicyOptions = {}, regionHint?: string): ConsentDecision {
  const region = consent.region ?? regionHint;
  const optIn = region ? isOptInRegion(region, options.optInRegions ?? OPT_IN_REGIONS) : options.optInWhenRegionUnknown === true;
  const effective = (value: ConsentValue): EffectiveConsent => (value === 'unknown' ? (optIn ? 'denied' : 'not_required') : value);
  const adUserData = effective(consent.adUserData);
  const adPersonalization = effective(consent.adPersonalization);
  const properties: ConsentDecision['properties'] = {};
  if (options.forwardConsentProperties !== false) {
    if (adUserData !== 'not_required') properties.ad_user_data = adUserData === 'granted' ? 'GRANTED' : 'DENIED';
    if (adPersonalization !== 'not_required') properties.ad_personalization = adPersonalization === 'granted' ? 'GRANTED' : 'DENIED';
  }
  return {
    adUserData,
    adPersonalization,
    sendUserData: adUserData !== 'denied',
    limitedDataUse: adPersonalization === 'denied',
    properties,
    optIn,
  };
}
