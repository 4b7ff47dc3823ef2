/**
 * The whole Conversions API body, after the access token and appsecret_proof were taken out.
 * Written from the reference (Part A), independently of `@pixelpair/server`, so a mistake there
 * is caught rather than mirrored. The first problem rejects the whole request, as Meta does.
 */
import { invalidParameter, type GraphError } from './graph-error.js';
import { validateServerEvent, type ServerEventOptions } from './validate-server-event.js';
import type { MetaEventsRequest } from './capi-types.js';

export const META_MAX_EVENTS = 1000;

const TOP_LEVEL_HINTS: Record<string, string> = {
  partner_agent: 'Unknown field. partner_agent identifies registered platform partners; a self-built toolkit omits it',
  namespace_id: 'Unknown field. An offline/batch upload field, not for website events',
  upload_id: 'Unknown field. An offline/batch upload field, not for website events',
  upload_tag: 'Unknown field. An offline/batch upload field, not for website events',
  upload_source: 'Unknown field. An offline/batch upload field, not for website events',
  pixel_id: 'Unknown field. The pixel id is in the path: /{version}/{pixel_id}/events',
  event_source_id: 'Unknown field. event_source_id is TikTok\'s; Meta takes the pixel id in the path',
  batch: 'Unknown field. Meta takes the events in data',
};

export type MetaValidation = { ok: true; request: MetaEventsRequest } | { ok: false; error: GraphError };

const fail = (error: GraphError): MetaValidation => ({ ok: false, error });

/** `body` is the parameters without access_token / appsecret_proof; `data` already decoded from a form post. */
export function validateEventsRequest(body: Record<string, unknown>, options: ServerEventOptions): MetaValidation {
  for (const key in body) {
    if (key === 'data' || key === 'test_event_code') continue;
    return fail(invalidParameter(key, TOP_LEVEL_HINTS[key] ?? 'Unknown field'));
  }
  if (body.test_event_code !== undefined && (typeof body.test_event_code !== 'string' || body.test_event_code.length === 0)) {
    return fail(invalidParameter('test_event_code', 'Not a valid non-empty string'));
  }
  const data = body.data;
  if (data === undefined) return fail(invalidParameter('data', 'Missing required field: a list of 1 to 1000 events'));
  if (!Array.isArray(data)) return fail(invalidParameter('data', typeof data === 'string' ? 'Not a list: in a JSON body data is an array (a JSON string is only for form posts)' : 'Not a valid list'));
  if (data.length === 0 || data.length > META_MAX_EVENTS) return fail(invalidParameter('data', `Length must be between 1 and ${META_MAX_EVENTS}; got ${data.length}`));
  for (let i = 0; i < data.length; i++) {
    const error = validateServerEvent(data[i], `data[${i}]`, options);
    if (error) return fail(error);
  }
  return { ok: true, request: body as unknown as MetaEventsRequest };
}
