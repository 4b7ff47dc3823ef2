/**
 * @pixelpair/server: the server twin. Each ad platform is a destination (a small object that
 * brings its dialect); the shared core normalises an envelope once, prepares one copy per
 * destination, sends, retries and logs. The durable outbox lives at `@pixelpair/server/outbox`.
 */
// Destinations
export { tiktokDestination, TIKTOK_API_URL } from './destinations/tiktok/tiktok.js';
export type { TikTokSettings } from './destinations/tiktok/tiktok.js';
export { metaDestination, META_API_VERSION } from './destinations/meta/meta.js';
export type { MetaSettings } from './destinations/meta/meta.js';
export { googleDestination, DATAMANAGER_URL } from './destinations/google/google.js';
export type { GoogleSettings } from './destinations/google/google.js';
export { DATAMANAGER_SCOPE } from './destinations/google/auth.js';
export type { TokenSource } from './destinations/google/auth.js';
export type { Destination, AnyDestination, PreparedEvent, DestinationPrepareResult, DeliveryLogInfo, MatchKeys } from './destinations/destination.js';

// Sending
export { createClient, createTikTok } from './client.js';
export type { ClientConfig, TikTokConfig, PixelpairClient, SendReport, SendOptions, EventOutcome, DestinationSummary } from './client.js';
export { prepareEvent, prepareForDestinations, DEFAULT_MAX_AGE_SECONDS } from './prepare.js';
export type { PrepareConfig, PrepareResult, PrepareAllResult, DestinationResult } from './prepare.js';
export type { NormalizeSettings, NormalizedEvent } from './envelope/normalized-event.js';
export type { DeliveryOutcome, OutcomeKind, RetryReason, DropReason, StopReason } from './delivery/outcome.js';
export type { BackoffOptions } from './delivery/backoff.js';
export type { RetrySettings } from './delivery/deliver.js';
export { buildRequestBodies, requestBodies } from './delivery/bodies.js';
export type { RequestBody, BodyOptions } from './delivery/bodies.js';
export { ConfigError, isConfigError } from './config/config-error.js';

// Consent and the envelope
export { decideConsent } from './consent-policy.js';
export type { ConsentDecision, ConsentPolicyOptions, EffectiveConsent } from './consent-policy.js';
export { envelopeSchema } from './envelope/schema.js';
export type { Envelope } from './envelope/schema.js';
export { shownEventId } from './envelope/issues.js';
export { ENVELOPE_LIMITS } from './envelope/limits.js';

// Normalising and hashing the way the server copies do (e.g. for the Pixel's advanced matching)
export { sha256Hex, hashNormalized } from './normalize/hash.js';
export { normalizePhone, toCountryCode } from './normalize/phone.js';

// Logging and diagnostics
export { jsonLogger, silentLogger } from './delivery/logger.js';
export type { Logger, LogLevel } from './delivery/logger.js';
export { matchStrength, aggregateMatchKeys, MATCH_KEY_WEIGHTS, DESTINATION_MATCH_WEIGHTS } from './diagnostics/match-keys.js';
export type { MatchReport, MatchStrength, MatchSummary } from './diagnostics/match-keys.js';

// The browser's hand-off and the request context
export { readRequestContext, parseCookies, clientIp } from './context/request-context.js';
export type { RequestContext, RequestContextOptions } from './context/request-context.js';
export { persistentCookieHeaders, expiredCookieHeaders } from './context/cookies.js';
export type { CookieOptions } from './context/cookies.js';
export { createCollectHandler, PURCHASE_VALUE_KEYS } from './collect/handler.js';
export type { CollectHandler, CollectOptions, CollectContext, CollectRequestInfo, CollectOutcome, PurchaseValues } from './collect/handler.js';
export { HANDOFF_LIMITS } from './collect/handoff-schema.js';
export type { HandoffLimits } from './collect/handoff-schema.js';
export { toNodeHandler, toFetchRequest } from './collect/node-adapter.js';

export type { Issue, TikTokEvent, TikTokUser, TikTokRequestBody } from './types.js';
export type { MetaEvent, MetaUserData } from './destinations/meta/wire.js';
export type { GoogleEvent, GoogleUserIdentifier } from './destinations/google/wire.js';
