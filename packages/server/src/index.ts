/**
 * @pixelpair/server: TikTok Events API v1.3 copies that pair with the browser Pixel by
 * construction. The durable outbox lives at `@pixelpair/server/outbox`.
 */
export { prepareEvent, DEFAULT_MAX_AGE_SECONDS } from './prepare.js';
export type { PrepareConfig } from './prepare.js';
export { decideConsent } from './consent-policy.js';
export type { ConsentDecision, ConsentPolicyOptions, EffectiveConsent } from './consent-policy.js';
export { envelopeSchema } from './envelope/schema.js';
export type { Envelope } from './envelope/schema.js';
export { formatPath, zodIssues, shownEventId, shownKey } from './envelope/issues.js';
export { ENVELOPE_LIMITS } from './envelope/limits.js';
export { TIKTOK_CURRENCIES, isTikTokCurrency } from './envelope/currencies.js';
export { toEventSeconds } from './envelope/event-time.js';

export { sha256Hex, hashNormalized } from './normalize/hash.js';
export { normalizePhone, toCountryCode } from './normalize/phone.js';
export { normalizeName, normalizeZip, normalizePlace, normalizeCountry } from './normalize/names.js';
export { normalizeIp, normalizeLocale } from './normalize/context-values.js';
export { buildUser } from './normalize/user.js';

export { buildRequestBodies, groupForRequests, toRequestBody, MAX_EVENTS_PER_REQUEST } from './delivery/batch.js';
export { classifyResponse } from './delivery/classify.js';
export type { ResponseInput } from './delivery/classify.js';
export { backoffDelay, parseRetryAfter } from './delivery/backoff.js';
export type { BackoffOptions } from './delivery/backoff.js';
export { createTransport, toOutcome, DEFAULT_API_URL } from './delivery/transport.js';
export type { TransportConfig } from './delivery/transport.js';
export { deliverPrepared } from './delivery/deliver.js';
export type { DeliverOptions, DeliverResult, ChunkResult } from './delivery/deliver.js';
export { deliveryRecord } from './delivery/record.js';
export type { EventStatus } from './delivery/record.js';
export { jsonLogger, silentLogger } from './delivery/logger.js';
export type { Logger, LogLevel } from './delivery/logger.js';
export { createTikTok } from './client.js';
export type { TikTokConfig, TikTokClient, SendReport, SendOptions, EventOutcome } from './client.js';

export { matchKeys, matchStrength, aggregateMatchKeys, MATCH_KEY_WEIGHTS } from './diagnostics/match-keys.js';
export type { MatchReport, MatchStrength, MatchSummary } from './diagnostics/match-keys.js';

export { readRequestContext, parseCookies, clientIp } from './context/request-context.js';
export type { RequestContext, RequestContextOptions } from './context/request-context.js';
export { persistentCookieHeaders, expiredCookieHeaders } from './context/cookies.js';
export type { CookieOptions } from './context/cookies.js';
export { createCollectHandler, PURCHASE_VALUE_KEYS } from './collect/handler.js';
export type { CollectHandler, CollectOptions, CollectContext, CollectRequestInfo, CollectOutcome, PurchaseValues } from './collect/handler.js';
export { HANDOFF_LIMITS } from './collect/handoff-schema.js';
export type { HandoffLimits } from './collect/handoff-schema.js';
export { toNodeHandler, toFetchRequest } from './collect/node-adapter.js';
export { createRateLimiter, rateLimitKey } from './collect/rate-limit.js';

export type * from './types.js';
