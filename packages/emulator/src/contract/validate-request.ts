/**
 * The whole v1.3 `event/track` body. Written from the reference contract, independently of
 * the server twin, so a bug there is caught here rather than mirrored. The first problem
 * found rejects the whole request, as TikTok does.
 */
import { CODES, paramError, type Problem } from './codes.js';
import { validateEvent, type EventOptions } from './validate-event.js';
import type { TrackRequest } from './types.js';

export const MAX_EVENTS = 1000;

/** Registered partners seen sending partner_name; anything else gets 40063 (a self-built toolkit should omit it). */
export const KNOWN_PARTNERS: readonly string[] = ['GoogleTagManagerServer', 'WooCommerce', 'RudderStack', 'Segment'];

const EVENT_SOURCES = new Set(['web', 'app', 'offline', 'crm']);

export type Validation = { ok: true; request: TrackRequest } | ({ ok: false } & Problem);

function fail(problem: Problem): Validation {
  return { ok: false, code: problem.code, message: problem.message };
}

export function validateTrackRequest(body: unknown, options: EventOptions): Validation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(paramError('body', 'Not a valid mapping type (expected a JSON object)'));
  const b = body as Record<string, unknown>;
  for (const key in b) {
    if (key === 'event_source' || key === 'event_source_id' || key === 'test_event_code' || key === 'data') continue;
    if (key === 'partner_name') {
      if (typeof b.partner_name !== 'string' || !KNOWN_PARTNERS.includes(b.partner_name)) {
        return fail({ code: CODES.INVALID_PARTNER_NAME, message: 'partner_name: Invalid partner name. Omit partner_name unless you are a registered TikTok partner' });
      }
      continue;
    }
    if (key === 'pixel_code') return fail(paramError('pixel_code', 'Unknown field. v1.3 event/track names the pixel in event_source_id'));
    if (key === 'batch') return fail(paramError('batch', 'Unknown field. batch is the legacy pixel/batch shape; v1.3 uses data'));
    return fail(paramError(key, 'Unknown field'));
  }
  if (b.event_source === undefined) return fail(paramError('event_source', 'Missing data for required field'));
  if (typeof b.event_source !== 'string' || !EVENT_SOURCES.has(b.event_source)) return fail(paramError('event_source', 'Must be one of: web, app, offline, crm'));
  if (b.event_source !== 'web') return fail(paramError('event_source', `The stand-in models web events only; got "${b.event_source}"`));
  if (b.event_source_id === undefined) return fail(paramError('event_source_id', 'Missing data for required field'));
  if (typeof b.event_source_id !== 'string') return fail(paramError('event_source_id', 'Invalid value for event_source_id: Not a valid string'));
  if (b.event_source_id.length === 0) return fail(paramError('event_source_id', 'Shorter than minimum length 1'));
  if (b.test_event_code !== undefined && typeof b.test_event_code !== 'string') return fail(paramError('test_event_code', 'Not a valid string'));
  if (b.data === undefined) return fail(paramError('data', 'Missing data for required field'));
  if (!Array.isArray(b.data)) return fail(paramError('data', 'Not a valid list'));
  if (b.data.length === 0 || b.data.length > MAX_EVENTS) {
    return fail({ code: CODES.INVALID_BATCH_SIZE, message: `data: Length must be between 1 and ${MAX_EVENTS}; got ${b.data.length}` });
  }
  const data = b.data;
  for (let i = 0; i < data.length; i++) {
    const problem = validateEvent(data[i], `data.${i}`, options);
    if (problem) return fail(problem);
  }
  return { ok: true, request: body as TrackRequest };
}
