export {
  STANDARD_EVENTS, LEGACY_EVENTS, PAGE_VIEW,
  isStandardEvent, isLegacyEvent, eventKind, currentEventName, legacyAliasesOf, sameAction,
} from './event-names.js';
export type { StandardEvent, LegacyEvent, KnownEvent, EventKind } from './event-names.js';

export {
  EVENT_ID_OBJECTS, MAX_EVENT_ID_LENGTH, EventIdError,
  eventId, orderEventId, cartEventId, leadEventId, randomEventId, actionSlug, isValidEventId,
} from './event-id.js';
export type { EventIdObject } from './event-id.js';

export {
  UNKNOWN_CONSENT, OPT_IN_REGIONS,
  toConsentValue, isConsentDecided, regionCountry, isOptInRegion, updateConsent,
} from './consent.js';
export type { ConsentValue, ConsentCmp, ConsentState } from './consent.js';

export { CONTEXT_FIELD, CONTEXT_STRING_KEYS, contextToFields, contextFromFields } from './context.js';
export type { CapturedContext, PageContext, Handoff } from './context.js';

export {
  TTCLID_PARAM, TTCLID_COOKIE, TTP_COOKIE, DEFAULT_TTCLID_DAYS, TTP_DAYS,
  FBCLID_PARAM, FBC_COOKIE, FBP_COOKIE, FBC_DAYS, GOOGLE_CLICK_PARAMS, GOOGLE_CLICK_DAYS, googleClickCookie,
} from './cookies.js';
export type { GoogleClickParam } from './cookies.js';

export { DESTINATIONS, isDestinationId } from './destinations.js';
export type { DestinationId } from './destinations.js';
export { META_STANDARD_EVENTS, GOOGLE_CATEGORIES, canonicalEventName, eventNameFor } from './event-mapping.js';
export type { PlatformEventName } from './event-mapping.js';
export { dedupKey, parseDedupKey } from './dedup-key.js';
export type { DedupKeyParts } from './dedup-key.js';
export { formatFbc, fbcSubdomainIndex, fbclidOf, isFbc } from './fbc.js';

export { isSha256Hex } from './normalize/sha256-hex.js';
export { normalizeEmail, MAX_EMAIL_LENGTH } from './normalize/email.js';
export { looksLikeEmail, looksLikePhone, looksLikePersonalData } from './normalize/personal-data.js';
export { isClickId, MAX_CLICK_ID_LENGTH } from './click-id.js';
export { normalizeExternalId } from './normalize/external-id.js';
export { applyGmailRule } from './normalize/gmail.js';
