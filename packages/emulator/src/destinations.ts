/**
 * What the Test Events checks need to know about each destination, as small plain objects:
 * its words, its match keys, how it deduplicates, which events should carry a strong key.
 * Facts from /work/shared/reference (tiktok-events-api.md §6, destinations.md A5/A6/A9, B4/B5, C).
 * Each stand-in's adapter (tiktok-copies.ts, meta-copies.ts, google-copies.ts) writes keys by these names.
 */
import { LEGACY_EVENTS, PAGE_VIEW, STANDARD_EVENTS, canonicalEventName, currentEventName, sameAction } from '@pixelpair/core';
import type { Destination } from './pair-copies.js';

/** strong: identifies the person (hashed); click: the ad click id; browser: the first-party cookie id; context: IP / user agent. */
export type KeyKind = 'strong' | 'click' | 'browser' | 'context';

export interface MatchKeySpec {
  key: string;
  /** In a marketer's words. */
  label: string;
  kind: KeyKind;
  /** A missing required key is a finding (missing_ip / missing_user_agent). */
  required?: 'missing_ip' | 'missing_user_agent';
}

export interface DestinationRules {
  destination: Destination;
  /** 'TikTok' */
  name: string;
  pixelName: string;
  serverName: string;
  /** How the two copies are matched, in the platform's own field names. */
  pairedBy: string;
  serverKeys: readonly MatchKeySpec[];
  pixelKeys: readonly MatchKeySpec[];
  /** The event name is part of the dedup key (TikTok, Meta): name mismatches and reused ids matter. */
  namedEvents: boolean;
  /** Two names for the same action (TikTok: CompletePayment and Purchase). */
  sameAction(a: string, b: string): boolean;
  /** The standard spelling of a name written in the wrong case (`purchase` → `Purchase`), if any. */
  standardSpelling(name: string): string | undefined;
  /** Events where the shopper has usually said who they are, so a hashed email or phone is expected. */
  expectsIdentity(event: string): boolean;
  /** Copies closer than this are merged (their match keys combined); null when the platform documents none. */
  mergeWindowMs: number | null;
  /** What happens to the later copy, in plain words. */
  dedupText: string;
  /** event_time older than this at arrival is flagged; null when the platform documents no limit. */
  staleAfterMs: number | null;
  staleText: string;
  /** The server API has a consent field (TikTok via pixelpair's properties, Google `consent`); Meta has none. */
  consentField: boolean;
  /** The server API has a Limited Data Use flag (TikTok `limited_data_use`, Meta `data_processing_options`); Google has none. */
  limitedDataUseField: boolean;
  /** How the stand-in pairs this destination and what its test mode does, for the page's help. */
  note: string;
  /** Events a shop usually sends from the browser only (Meta's PageView): no server copy is fine, not missing. */
  browserOnly?: readonly string[];
}

const DAY_MS = 86_400_000;

function spellingLookup(names: readonly string[]): (name: string) => string | undefined {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  return (name) => {
    const known = byLower.get(name.toLowerCase());
    return known !== undefined && known !== name ? known : undefined;
  };
}

const TIKTOK_IDENTIFIED = new Set(['Purchase', 'Lead', 'CompleteRegistration', 'Contact', 'Subscribe', 'StartTrial', 'SubmitApplication', 'ApplicationApproval', 'Schedule']);

export const TIKTOK_RULES: DestinationRules = {
  destination: 'tiktok',
  name: 'TikTok',
  pixelName: 'TikTok Pixel',
  serverName: 'Events API',
  pairedBy: 'pixel id + event + event_id',
  serverKeys: [
    { key: 'email', label: 'email', kind: 'strong' },
    { key: 'phone', label: 'phone', kind: 'strong' },
    { key: 'external_id', label: 'external id', kind: 'strong' },
    { key: 'ttclid', label: 'click id (ttclid)', kind: 'click' },
    { key: 'ttp', label: 'cookie id (_ttp)', kind: 'browser' },
    { key: 'ip', label: 'IP address', kind: 'context', required: 'missing_ip' },
    { key: 'user_agent', label: 'user agent', kind: 'context', required: 'missing_user_agent' },
  ],
  pixelKeys: [
    { key: 'email', label: 'email', kind: 'strong' },
    { key: 'phone_number', label: 'phone', kind: 'strong' },
    { key: 'external_id', label: 'external id', kind: 'strong' },
    { key: 'ttp', label: 'cookie id (_ttp)', kind: 'browser' },
  ],
  namedEvents: true,
  sameAction,
  standardSpelling: spellingLookup([...STANDARD_EVENTS, ...Object.keys(LEGACY_EVENTS), PAGE_VIEW]),
  expectsIdentity: (event) => TIKTOK_IDENTIFIED.has(currentEventName(event) ?? ''),
  mergeWindowMs: 5 * 60 * 1000,
  dedupText: 'TikTok merges copies that arrive within 5 minutes of each other and drops later duplicates within 48 hours',
  staleAfterMs: 7 * DAY_MS,
  staleText: 'over 7 days',
  consentField: true,
  limitedDataUseField: true,
  note: 'Test events: server copies sent with test_event_code are kept out of your production data by TikTok.',
};

const META_STANDARD = ['PageView', 'ViewContent', 'Search', 'AddToCart', 'AddToWishlist', 'InitiateCheckout', 'AddPaymentInfo', 'Purchase', 'Lead',
  'CompleteRegistration', 'Contact', 'CustomizeProduct', 'Donate', 'FindLocation', 'Schedule', 'StartTrial', 'SubmitApplication', 'Subscribe'];
const META_IDENTIFIED = new Set(['Purchase', 'Lead', 'CompleteRegistration', 'Contact', 'Subscribe', 'StartTrial', 'SubmitApplication', 'Schedule', 'Donate']);

/** Meta: keys as Conversions API names them (`user_data`); the fbq stub's adapter maps advanced matching to em/ph/external_id. */
export const META_RULES: DestinationRules = {
  destination: 'meta',
  name: 'Meta',
  pixelName: 'Meta Pixel',
  browserOnly: ['PageView'],
  serverName: 'Conversions API',
  pairedBy: "pixel id + event_name + event_id (fbq's eventID)",
  serverKeys: [
    { key: 'em', label: 'email', kind: 'strong' },
    { key: 'ph', label: 'phone', kind: 'strong' },
    { key: 'external_id', label: 'external id', kind: 'strong' },
    { key: 'fbc', label: 'click id (fbc)', kind: 'click' },
    { key: 'fbp', label: 'cookie id (fbp)', kind: 'browser' },
    { key: 'client_ip_address', label: 'IP address', kind: 'context', required: 'missing_ip' },
    { key: 'client_user_agent', label: 'user agent', kind: 'context', required: 'missing_user_agent' },
  ],
  pixelKeys: [
    { key: 'em', label: 'email', kind: 'strong' },
    { key: 'ph', label: 'phone', kind: 'strong' },
    { key: 'external_id', label: 'external id', kind: 'strong' },
    { key: 'fbc', label: 'click id (_fbc)', kind: 'click' },
    { key: 'fbp', label: 'cookie id (_fbp)', kind: 'browser' },
  ],
  namedEvents: true,
  // Meta keeps no aliases, but TikTok's legacy CompletePayment sent to Meta is still the Purchase
  // action under a custom name: reported as a name mismatch rather than as two unrelated actions.
  sameAction: (a, b) => canonicalEventName(a) === canonicalEventName(b),
  standardSpelling: spellingLookup(META_STANDARD),
  expectsIdentity: (event) => META_IDENTIFIED.has(event),
  mergeWindowMs: null,
  dedupText: 'Meta keeps one copy of an event_name + event_id pair received within 48 hours',
  staleAfterMs: 7 * DAY_MS,
  staleText: 'over 7 days (Meta rejects the whole request)',
  consentField: false,
  limitedDataUseField: true,
  note: 'Meta has no consent field: the server copy shows only opt_out and Limited Data Use, and a refusal is read from the page (fbq consent revoke). '
    + 'Test events: Meta keeps server copies sent with test_event_code in your data.',
};

/** Google: the conversion action is the event's identity, so there are no names to mismatch; IP is optional (never sent for EEA/UK/CH). */
export const GOOGLE_RULES: DestinationRules = {
  destination: 'google',
  name: 'Google Ads',
  pixelName: 'Google tag',
  serverName: 'Data Manager API',
  pairedBy: "transaction id within the Google Ads account (gtag's transaction_id = the Data Manager event's transactionId)",
  serverKeys: [
    { key: 'email', label: 'email', kind: 'strong' },
    { key: 'phone', label: 'phone', kind: 'strong' },
    { key: 'address', label: 'name and address', kind: 'strong' },
    { key: 'gclid', label: 'click id (gclid)', kind: 'click' },
    { key: 'gbraid', label: 'click id (gbraid)', kind: 'click' },
    { key: 'wbraid', label: 'click id (wbraid)', kind: 'click' },
    { key: 'ip', label: 'IP address', kind: 'context' },
    { key: 'user_agent', label: 'user agent', kind: 'context' },
  ],
  pixelKeys: [
    { key: 'email', label: 'email', kind: 'strong' },
    { key: 'phone', label: 'phone', kind: 'strong' },
    { key: 'address', label: 'name and address', kind: 'strong' },
  ],
  namedEvents: false,
  sameAction: (a, b) => a === b,
  standardSpelling: () => undefined,
  expectsIdentity: () => true,
  mergeWindowMs: null,
  dedupText: 'Google counts the first conversion with a transaction id and treats later ones on the same action as duplicates',
  staleAfterMs: null,
  staleText: '',
  consentField: true,
  limitedDataUseField: false,
  note: "Google dedupes on the conversion action + transaction id, but the tag's send_to label (AW-…/label) cannot be mapped to a conversion action id here, "
    + 'so this page pairs by transaction id within the Google Ads account and shows the label and the action beside each copy. '
    + 'Google has no test event code: its test mode, validateOnly, ingests nothing, so those requests never pair (they are only counted). '
    + 'A tag conversion sent without cookies (ad_storage denied) is still a browser copy.',
};

export const DESTINATION_RULES: Readonly<Record<Destination, DestinationRules>> = { tiktok: TIKTOK_RULES, meta: META_RULES, google: GOOGLE_RULES };
