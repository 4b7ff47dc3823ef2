/**
 * The Meta destination: Conversions API `POST https://graph.facebook.com/{version}/{pixel_id}/events`
 * (destinations.md Part A). Pixel id + event_name + event_id is the dedup key (the Pixel's
 * `eventID`). The access token travels in the JSON body — never in a URL that a proxy could
 * log — with `appsecret_proof` when an app secret is configured. ≤ 1000 events per request;
 * one event older than 7 days or one invalid event fails the whole request, so old events are
 * refused while preparing and invalid batches are split.
 *
 * Consent: Meta has no consent field. adUserData denied → the event is still sent (so it is
 * counted) with only the device context Meta requires for a website event (client IP and user
 * agent): no hashed identifiers, no fbc/fbp. adPersonalization denied → `opt_out: true`
 * (attribution only, no delivery optimisation). A US state privacy region with an opt-out →
 * Limited Data Use. `test_event_code` does NOT keep test traffic out of Meta's data.
 */
import { createHmac } from 'node:crypto';
import { eventNameFor } from '@pixelpair/core';
import { checkSecret, optionalId, optionalSecret, parseEndpoint, positiveInt, requireId } from '../../config/checks.js';
import { ConfigError } from '../../config/config-error.js';
import type { NormalizedEvent } from '../../envelope/normalized-event.js';
import type { Issue } from '../../types.js';
import type { Destination, DestinationPrepareResult, WireItem } from '../destination.js';
import { joinBody } from '../request-body.js';
import { classifyMeta } from './classify.js';
import { metaCustomData } from './custom-data.js';
import { lduFor } from './ldu.js';
import { metaUserData } from './user-data.js';
import type { MetaEvent, MetaMatchKeys } from './wire.js';

export const META_API_VERSION = 'v25.0';
export const META_MAX_EVENTS = 1000;
/** Meta refuses a request holding any website event older than this. */
export const META_MAX_AGE_SECONDS = 7 * 24 * 3600;

export interface MetaSettings {
  /** The Meta pixel (dataset) id: half of the dedup key. */
  pixelId: string;
  /** Conversions API access token; needed to send, not to prepare or enqueue. Never logged, never in a URL. */
  accessToken?: string;
  /** When set, every request carries `appsecret_proof` = HMAC-SHA256(appSecret, accessToken). */
  appSecret?: string;
  /** Graph API version, v25.0 or newer. Default v25.0. */
  apiVersion?: string;
  /** The full endpoint. Default `https://graph.facebook.com/{apiVersion}/{pixelId}/events`. */
  apiUrl?: string;
  /** Events Manager → Test Events code. Meta KEEPS such events in your data: never in production. */
  testEventCode?: string;
  /** ≤ 1000. */
  maxEventsPerRequest?: number;
}

const present = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.length > 0);

export function metaMatchKeys(wire: Pick<MetaEvent, 'user_data'>): MetaMatchKeys {
  const u = wire.user_data;
  return {
    email: present(u.em), phone: present(u.ph), external_id: present(u.external_id),
    fbc: present(u.fbc), fbp: present(u.fbp), ip_user_agent: present(u.client_ip_address) && present(u.client_user_agent),
  };
}

export function metaDestination(settings: MetaSettings): Destination<MetaEvent> {
  if (!settings || typeof settings !== 'object') throw new ConfigError('meta', 'the Meta destination needs its settings ({ pixelId, accessToken })');
  const pixelId = requireId('pixelId', settings.pixelId, 'the Meta pixel id', /^\d{5,20}$/);
  const accessToken = optionalSecret('accessToken', settings.accessToken, 'the Meta access token');
  const appSecret = optionalSecret('appSecret', settings.appSecret, 'the Meta app secret');
  const version = settings.apiVersion ?? META_API_VERSION;
  const v = /^v(\d+)\.(\d+)$/.exec(version);
  if (!v || Number(v[1]) < 25) throw new ConfigError('apiVersion', `the Graph API version must look like v25.0 and be v25.0 or newer (apiVersion)`);
  const testEventCode = optionalId('testEventCode', settings.testEventCode, 'the test event code');
  const url = parseEndpoint('apiUrl', settings.apiUrl, `https://graph.facebook.com/${version}/${pixelId}/events`);
  const maxEventsPerRequest = positiveInt('maxEventsPerRequest', settings.maxEventsPerRequest, META_MAX_EVENTS, META_MAX_EVENTS);
  const batch = testEventCode ?? '';
  const body = (batchKey: string, events: readonly WireItem[]) => joinBody({}, 'data', events, batchKey ? { test_event_code: batchKey } : undefined);
  const proof = accessToken && appSecret ? createHmac('sha256', appSecret).update(accessToken).digest('hex') : undefined;

  return {
    id: 'meta',
    account: pixelId,
    maxEventsPerRequest,
    maxAgeSeconds: META_MAX_AGE_SECONDS,
    canSend: accessToken !== undefined,
    prepare(event: NormalizedEvent): DestinationPrepareResult<MetaEvent> {
      const errors: Issue[] = [];
      const warnings = [...event.warnings];
      if (event.eventTime < event.preparedAt - META_MAX_AGE_SECONDS) errors.push({ path: 'eventTime', message: 'is older than 7 days: Meta refuses the whole request for one such event' });
      if (!event.page?.url) errors.push({ path: 'page.url', message: "is required by Meta for website events (event_source_url)" });
      if (!event.identity.userAgent) errors.push({ path: 'user.userAgent', message: "is required by Meta for website events (client_user_agent)" });
      const name = eventNameFor('meta', event.event).name;
      const customData = metaCustomData(event.properties);
      if (name === 'Purchase' && (customData?.value === undefined || customData?.currency === undefined)) {
        errors.push({ path: 'properties.value', message: 'Meta requires value and currency for Purchase' });
      }
      if (errors.length) return { ok: false, errors };
      const wire: MetaEvent = {
        event_name: name,
        event_time: event.eventTime,
        event_id: event.eventId,
        action_source: 'website',
        event_source_url: event.page!.url!,
        user_data: metaUserData(event, warnings),
      };
      if (event.page?.referrer) wire.referrer_url = event.page.referrer;
      if (customData) wire.custom_data = customData;
      if (event.decision.adPersonalization === 'denied') wire.opt_out = true;
      const optedOut = event.decision.adPersonalization === 'denied' || event.decision.adUserData === 'denied';
      const ldu = optedOut ? lduFor(event.consent.region) : undefined;
      if (ldu) Object.assign(wire, ldu);
      return {
        ok: true,
        prepared: {
          destination: 'meta', account: pixelId, event: name, eventId: event.eventId, eventTime: event.eventTime,
          batch, test: batch !== '', wire, wireJson: JSON.stringify(wire), warnings,
          log: {
            consent: event.consent,
            policy: { adUserData: event.decision.adUserData, adPersonalization: event.decision.adPersonalization, optIn: event.decision.optIn },
            matchKeys: metaMatchKeys(wire),
            identifiers: event.decision.sendUserData ? 'sent' : 'withheld',
          },
        },
      };
    },
    body,
    async request(batchKey, events) {
      const token = checkSecret('accessToken', accessToken, 'the Meta access token');
      // The token goes in the body, never in the URL: URLs end up in proxy and access logs.
      const auth = JSON.stringify({ access_token: token, ...(proof ? { appsecret_proof: proof } : {}) });
      const json = body(batchKey, events);
      return { url, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: `${json.slice(0, -1)},${auth.slice(1)}` };
    },
    classify: classifyMeta,
  };
}
