/**
 * @pixelpair/server: the server twin. Each ad platform is a destination (a small object that
 * brings its dialect); the shared core normalises an envelope once, prepares one copy per
 * destination, sends, retries and logs.
 *
 * Entry points: this one (send, prepare, collect, the request context), `./outbox` (the durable
 * outbox and its worker), `./metrics` (Prometheus metrics for the worker), `./testing` (an
 * in-memory outbox store for your tests).
 *
 * This is the public surface: what the READMEs document and the starters in apps/ use, plus the
 * types of their options and results. Deliberately internal (importable only by a deep path, and
 * free to change in any release): the per-destination wire shapes (TikTokUser, MetaEvent,
 * GoogleEvent…), the envelope's zod schema, the normaliser's intermediate event, the retry and
 * backoff internals, the per-destination preparation step (prepareForDestinations), match-key weights and aggregation, and the lower-level request
 * helpers (clientIp, toFetchRequest, expiredCookieHeaders). If you need one of them, open an issue.
 */
// Destinations: one per ad platform, passed to createClient, createOutbox and startWorker.
export { tiktokDestination, TIKTOK_API_URL } from './destinations/tiktok/tiktok.js';
export type { TikTokSettings } from './destinations/tiktok/tiktok.js';
export { metaDestination } from './destinations/meta/meta.js';
export type { MetaSettings } from './destinations/meta/meta.js';
export { googleDestination } from './destinations/google/google.js';
export type { GoogleSettings } from './destinations/google/google.js';
export type { TokenSource } from './destinations/google/auth.js';
export type { Destination, AnyDestination, PreparedEvent, MatchKeys } from './destinations/destination.js';

// Sending
export { createClient, createTikTok } from './client.js';
export type { ClientConfig, TikTokConfig, PixelpairClient, SendReport, SendOptions, EventOutcome, DestinationSummary } from './client.js';
export { prepareEvent } from './prepare.js';
export type { PrepareConfig, PrepareResult, PrepareAllResult } from './prepare.js';
export type { NormalizeSettings } from './envelope/normalized-event.js';
export type { DeliveryOutcome, OutcomeKind } from './delivery/outcome.js';
export { buildRequestBodies, requestBodies } from './delivery/bodies.js';
export type { BodyOptions, RequestBody } from './delivery/bodies.js';
export { isConfigError } from './config/config-error.js';
export type { ConfigError } from './config/config-error.js';

// Consent and the envelope
export { decideConsent } from './consent-policy.js';
export type { ConsentDecision, ConsentPolicyOptions } from './consent-policy.js';
export type { Envelope } from './envelope/schema.js';
export { shownEventId } from './envelope/issues.js';
export { ENVELOPE_LIMITS } from './envelope/limits.js';

// Normalising and hashing the way the server copies do (e.g. for the Pixel's advanced matching)
export { hashNormalized } from './normalize/hash.js';
export { normalizePhone, toCountryCode } from './normalize/phone.js';

// Logging and diagnostics
export { jsonLogger, silentLogger } from './delivery/logger.js';
export type { Logger } from './delivery/logger.js';
export { matchStrength } from './diagnostics/match-keys.js';
export type { MatchReport, MatchSummary } from './diagnostics/match-keys.js';

// The browser's hand-off and the request context
export { readRequestContext, parseCookies } from './context/request-context.js';
export type { RequestContext, RequestContextOptions } from './context/request-context.js';
export { persistentCookieHeaders } from './context/cookies.js';
export type { CookieOptions, CookieContext } from './context/cookies.js';
export { createCollectHandler } from './collect/handler.js';
export type { CollectHandler, CollectOptions, CollectContext, CollectOutcome } from './collect/handler.js';
export { HANDOFF_LIMITS } from './collect/handoff-schema.js';
export type { HandoffLimits } from './collect/handoff-schema.js';
export { toNodeHandler } from './collect/node-adapter.js';

export type { Issue, TikTokEvent, TikTokRequestBody } from './types.js';
