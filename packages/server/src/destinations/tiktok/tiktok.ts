/**
 * The TikTok destination: Events API v1.3 `event/track` (tiktok-events-api.md). Pixel id +
 * event + event_id is the dedup key; the token travels in the `Access-Token` header; TikTok
 * answers HTTP 200 with a body `code` (see classify.ts); ≤ 1000 events per request; a test
 * event code keeps test traffic out of the live data and never rides with live events.
 */
import { eventNameFor } from '@pixelpair/core';
import { checkSecret, optionalId, optionalSecret, parseEndpoint, positiveInt, requireId } from '../../config/checks.js';
import { ConfigError } from '../../config/config-error.js';
import { DEFAULT_MAX_AGE_SECONDS, type NormalizedEvent } from '../../envelope/normalized-event.js';
import type { Destination, DestinationPrepareResult, WireItem } from '../destination.js';
import { joinBody } from '../request-body.js';
import { classifyTikTok } from './classify.js';
import { tiktokMatchKeys, tiktokWireEvent } from './prepare-wire.js';
import type { TikTokEvent } from './wire.js';

export const TIKTOK_API_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
export const TIKTOK_MAX_EVENTS = 1000;

export interface TikTokSettings {
  /** The TikTok pixel code: `event_source_id`, half of the dedup key. */
  pixelId: string;
  /** Events API access token; needed to send, not to prepare or enqueue. Never logged. */
  accessToken?: string;
  /** The full event/track endpoint. Default TikTok's v1.3 URL. */
  apiUrl?: string;
  /** Events Manager → Test Events code. */
  testEventCode?: string;
  /** ≤ 1000. */
  maxEventsPerRequest?: number;
  /** Oldest event_time sent, in seconds before now. Default 7 days. */
  maxAgeSeconds?: number;
}

export function tiktokDestination(settings: TikTokSettings): Destination<TikTokEvent> {
  if (!settings || typeof settings !== 'object') throw new ConfigError('tiktok', 'the TikTok destination needs its settings ({ pixelId, accessToken })');
  const pixelId = requireId('pixelId', settings.pixelId, 'the TikTok pixel id');
  const accessToken = optionalSecret('accessToken', settings.accessToken, 'the TikTok access token');
  const testEventCode = optionalId('testEventCode', settings.testEventCode, 'the test event code');
  const url = parseEndpoint('apiUrl', settings.apiUrl, TIKTOK_API_URL);
  const maxEventsPerRequest = positiveInt('maxEventsPerRequest', settings.maxEventsPerRequest, TIKTOK_MAX_EVENTS, TIKTOK_MAX_EVENTS);
  const maxAgeSeconds = settings.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const batch = testEventCode ?? '';
  const body = (batchKey: string, events: readonly WireItem[]) =>
    joinBody({ event_source: 'web', event_source_id: pixelId }, 'data', events, batchKey ? { test_event_code: batchKey } : undefined);

  return {
    id: 'tiktok',
    account: pixelId,
    maxEventsPerRequest,
    maxAgeSeconds,
    canSend: accessToken !== undefined,
    prepare(event: NormalizedEvent): DestinationPrepareResult<TikTokEvent> {
      const name = eventNameFor('tiktok', event.event).name;
      const wire = tiktokWireEvent(event, name);
      return {
        ok: true,
        prepared: {
          destination: 'tiktok', account: pixelId, event: name, eventId: event.eventId, eventTime: event.eventTime,
          batch, test: batch !== '', wire, wireJson: JSON.stringify(wire), warnings: event.warnings,
          log: {
            consent: event.consent,
            policy: { adUserData: event.decision.adUserData, adPersonalization: event.decision.adPersonalization, optIn: event.decision.optIn },
            matchKeys: tiktokMatchKeys(wire),
            identifiers: event.decision.sendUserData ? 'sent' : 'withheld',
          },
        },
      };
    },
    body,
    async request(batchKey, events) {
      const token = checkSecret('accessToken', accessToken, 'the TikTok access token');
      return { url, headers: { 'content-type': 'application/json', 'access-token': token, accept: 'application/json' }, body: body(batchKey, events) };
    },
    classify: classifyTikTok,
  };
}
