/**
 * The Google destination: the Data Manager API `POST https://datamanager.googleapis.com/v1/events:ingest`
 * (destinations.md Part B; B0 says why not the Google Ads API's closed click-conversion upload).
 * The server copy is an additional data source for the Google tag's conversion, deduplicated on
 * the transaction id: `transactionId` is the shared event id, byte for byte. Google has no event
 * name — each event name maps to a conversion action (`productDestinationId`) in configuration;
 * an event without one is skipped, not an error. ≤ 2000 events per request, one conversion action
 * per request; OAuth 2 through google-auth-library.
 *
 * Consent maps one to one: `consent.adUserData` / `adPersonalization` are CONSENT_GRANTED /
 * CONSENT_DENIED from the one decision. adUserData denied → no user identifiers (the gclid, an
 * ad identifier Google's own tag keeps sending cookieless, stays); an event left with nothing
 * to match is skipped, since Google would refuse it. No IP for visitors in the EEA, the UK and
 * Switzerland, as Google asks. `validateOnly` is the test mode: nothing is ingested.
 */
import { canonicalEventName, isOptInRegion, OPT_IN_REGIONS } from '@pixelpair/core';
import { parseEndpoint, positiveInt, requireId } from '../../config/checks.js';
import { ConfigError } from '../../config/config-error.js';
import type { NormalizedEvent } from '../../envelope/normalized-event.js';
import type { EffectiveConsent } from '../../consent-policy.js';
import type { Destination, DestinationPrepareResult, WireItem } from '../destination.js';
import { joinBody } from '../request-body.js';
import { checkServiceAccountKey, googleTokenSource, type ServiceAccountKey, type TokenSource } from './auth.js';
import { classifyGoogle } from './classify.js';
import { googleLaterStatus } from './later-status.js';
import { googleIdentifiers } from './user-data.js';
import type { GoogleConsentStatus, GoogleDestinationRef, GoogleEvent, GoogleMatchKeys } from './wire.js';

export const DATAMANAGER_URL = 'https://datamanager.googleapis.com/v1/events:ingest';
export const GOOGLE_MAX_EVENTS = 2000;
/** Data Manager does not document a maximum age; the other platforms' 7 days is kept as the outbox's window. */
export const GOOGLE_MAX_AGE_SECONDS = 7 * 24 * 3600;

export interface GoogleSettings {
  /** The Google Ads account that owns the conversion actions (the operating account), with or without dashes. */
  customerId: string;
  /** The manager account, when the service account acts through one. */
  loginCustomerId?: string;
  /** Event name → conversion action id: `{ Purchase: '123456' }` (legacy and Meta spellings resolve to the same action). */
  conversionActions: Readonly<Record<string, string>>;
  /** A service-account key (the parsed key file). Default: application default credentials. */
  credentials?: unknown;
  /** Where google-auth-library's token requests go instead of Google (a local stand-in). */
  tokenUrl?: string;
  /** The full events:ingest endpoint. Default Google's. */
  apiUrl?: string;
  /** Test mode: Google validates and ingests nothing. */
  validateOnly?: boolean;
  /** ≤ 2000. */
  maxEventsPerRequest?: number;
  /** Bring your own access tokens (tests, a token broker). */
  accessToken?: TokenSource;
}

/** A token younger than this that is refused means the credentials are wrong, not that the token went stale. */
const FRESH_TOKEN_MS = 60_000;

const account = (setting: string, value: unknown) => {
  const id = requireId(setting, typeof value === 'string' ? value.replace(/-/g, '') : value, 'the Google Ads customer id', /^\d{10}$/);
  return id;
};

const status = (value: EffectiveConsent): GoogleConsentStatus => (value === 'granted' ? 'CONSENT_GRANTED' : value === 'denied' ? 'CONSENT_DENIED' : 'CONSENT_STATUS_UNSPECIFIED');

export function googleMatchKeys(wire: GoogleEvent): GoogleMatchKeys {
  const ids = wire.userData?.userIdentifiers ?? [];
  return {
    email: ids.some((i) => 'emailAddress' in i),
    phone: ids.some((i) => 'phoneNumber' in i),
    address: ids.some((i) => 'address' in i),
    gclid: !!(wire.adIdentifiers?.gclid || wire.adIdentifiers?.gbraid || wire.adIdentifiers?.wbraid),
    ip_user_agent: !!(wire.eventDeviceInfo?.ipAddress && wire.eventDeviceInfo.userAgent),
  };
}

export function googleDestination(settings: GoogleSettings): Destination<GoogleEvent> {
  if (!settings || typeof settings !== 'object') throw new ConfigError('google', 'the Google destination needs its settings ({ customerId, conversionActions })');
  const customerId = account('customerId', settings.customerId);
  const loginCustomerId = settings.loginCustomerId === undefined ? undefined : account('loginCustomerId', settings.loginCustomerId);
  const actions = new Map<string, string>();
  for (const [name, id] of Object.entries(settings.conversionActions ?? {})) {
    actions.set(canonicalEventName(name), requireId(`conversionActions.${name}`, id, `the conversion action id for ${name}`, /^\d{1,20}$/));
  }
  if (actions.size === 0) throw new ConfigError('conversionActions', 'the Google destination needs at least one conversion action ({ Purchase: "123456" })');
  const url = parseEndpoint('apiUrl', settings.apiUrl, DATAMANAGER_URL);
  // requestStatus:retrieve lives beside events:ingest (a stand-in's too).
  const statusUrl = new URL(url.pathname.replace(/events:ingest$/, 'requestStatus:retrieve'), url);
  const tokenUrl = settings.tokenUrl ? parseEndpoint('tokenUrl', settings.tokenUrl, '') : undefined;
  const credentials: ServiceAccountKey | undefined = settings.credentials === undefined ? undefined : checkServiceAccountKey('credentials', settings.credentials);
  const maxEventsPerRequest = positiveInt('maxEventsPerRequest', settings.maxEventsPerRequest, GOOGLE_MAX_EVENTS, GOOGLE_MAX_EVENTS);
  const validateOnly = settings.validateOnly === true;
  let tokens: TokenSource | undefined = settings.accessToken;
  // Created on first send: preparing and enqueueing need no credentials.
  const token: TokenSource = () => (tokens ??= googleTokenSource({ ...(credentials ? { credentials } : {}), ...(tokenUrl ? { tokenUrl } : {}) }))();

  const ref = (conversionAction: string): GoogleDestinationRef => ({
    operatingAccount: { accountType: 'GOOGLE_ADS', accountId: customerId },
    ...(loginCustomerId ? { loginAccount: { accountType: 'GOOGLE_ADS', accountId: loginCustomerId } } : {}),
    productDestinationId: conversionAction,
  });
  const body = (batch: string, events: readonly WireItem[]) =>
    joinBody({ destinations: [ref(batch)], encoding: 'HEX', ...(validateOnly ? { validateOnly: true } : {}) }, 'events', events);

  return {
    id: 'google',
    account: customerId,
    maxEventsPerRequest,
    maxAgeSeconds: GOOGLE_MAX_AGE_SECONDS,
    canSend: true,
    prepare(event: NormalizedEvent): DestinationPrepareResult<GoogleEvent> {
      const conversionAction = actions.get(canonicalEventName(event.event));
      if (!conversionAction) return { ok: 'skipped', reason: `no Google conversion action is configured for ${event.event}` };
      const warnings = [...event.warnings];
      const id = event.identity;
      const wire: GoogleEvent = {
        transactionId: event.eventId,
        eventTimestamp: new Date(event.eventTime * 1000).toISOString().replace('.000Z', 'Z'),
        eventSource: 'WEB',
        consent: { adUserData: status(event.decision.adUserData), adPersonalization: status(event.decision.adPersonalization) },
      };
      const p = event.properties;
      if (typeof p.value === 'number') wire.conversionValue = p.value;
      if (typeof p.currency === 'string') wire.currency = p.currency;
      const contents = p.contents as Array<Record<string, unknown>> | undefined;
      if (contents?.length) {
        wire.cartData = {
          items: contents.map((c) => ({
            merchantProductId: String(c.content_id),
            ...(typeof c.quantity === 'number' ? { quantity: c.quantity } : {}),
            ...(typeof c.price === 'number' ? { unitPrice: c.price } : {}),
          })),
        };
      }
      // Identity was only read at all when the consent policy allows personal data.
      const identifiers = googleIdentifiers(id, warnings);
      if (identifiers.length) wire.userData = { userIdentifiers: identifiers };
      // Google refuses gbraid and wbraid together; gclid is the stronger of the three.
      const click = id.gclid ? { gclid: id.gclid } : id.gbraid ? { gbraid: id.gbraid } : id.wbraid ? { wbraid: id.wbraid } : undefined;
      if (click) wire.adIdentifiers = click;
      const region = event.consent.region ?? id.country;
      // Under ad_user_data denied the identity holds no country, but the consent decision read it:
      // where the policy treats the visitor as opt-in (EEA, UK, CH by default) the IP stays out too.
      const ip = id.ip && !event.decision.optIn && !isOptInRegion(region, OPT_IN_REGIONS) ? id.ip : undefined;
      if (id.userAgent || ip) wire.eventDeviceInfo = { ...(id.userAgent ? { userAgent: id.userAgent } : {}), ...(ip ? { ipAddress: ip } : {}) };
      if (!wire.userData && !wire.adIdentifiers) return { ok: 'skipped', reason: 'nothing Google could match (no identifier allowed by consent, no click id): Google refuses such an event' };
      return {
        ok: true,
        prepared: {
          destination: 'google', account: customerId, event: conversionAction, eventId: event.eventId, eventTime: event.eventTime,
          batch: conversionAction, test: validateOnly, wire, wireJson: JSON.stringify(wire), warnings,
          log: {
            consent: event.consent,
            policy: { adUserData: event.decision.adUserData, adPersonalization: event.decision.adPersonalization, optIn: event.decision.optIn },
            matchKeys: googleMatchKeys(wire),
            identifiers: event.decision.sendUserData ? 'sent' : 'withheld',
          },
        },
      };
    },
    body,
    async request(batch, events) {
      const bearer = await token();
      if (typeof bearer !== 'string') return bearer;
      return { url, headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${bearer}` }, body: body(batch, events) };
    },
    laterStatus: (requestIds, http) => googleLaterStatus(requestIds, http, statusUrl, token),
    classify(answer, now) {
      const outcome = classifyGoogle(answer, now);
      // A 401 on a token fetched a while ago: the token went stale early; refresh once and retry.
      // On a token fetched just now, it is the credentials: stop and alert.
      if (outcome.kind === 'stop' && outcome.reason === 'token_invalid' && tokens?.invalidate) {
        const fetched = tokens.fetchedAt?.();
        tokens.invalidate();
        if (fetched !== undefined && (now ?? Date.now()) - fetched > FRESH_TOKEN_MS) return { ...outcome, kind: 'retry', reason: 'token_refresh' };
      }
      return outcome;
    },
  };
}
