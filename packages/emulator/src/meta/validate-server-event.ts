/**
 * One `data[i]` website event (reference A1 per-event fields, A2, A7, A9). The caller fails the
 * whole request on the first problem, as Meta rejects a batch with one invalid event.
 */
import { eventTooOld, insufficientCustomerInfo, invalidParameter, type GraphError } from './graph-error.js';
import { hasCustomerInformation, validateUserData } from './validate-user-data.js';
import { validateCustomData } from './validate-custom-data.js';

/** Older than this at arrival fails the whole request (A1, A2: 2804003). */
export const META_MAX_EVENT_AGE_S = 7 * 24 * 60 * 60;
/** Clock skew tolerated before an event_time counts as in the future. */
export const META_FUTURE_SKEW_S = 5 * 60;
/** Above this an event_time is a millisecond timestamp (1e11 s is the year 5138). */
const MAX_SECONDS = 1e11;

const ACTION_SOURCES = new Set(['email', 'website', 'app', 'phone_call', 'chat', 'physical_store', 'system_generated', 'business_messaging', 'other']);
/** data_processing_options_state values (M7): 0 = geolocate, 1000 CA … 1013 RI. */
const LDU_STATES = new Set([0, ...Array.from({ length: 14 }, (_, i) => 1000 + i)]);
const APP_ONLY = new Set(['app_data', 'extinfo', 'advertiser_tracking_enabled', 'messaging_channel', 'attribution_data']);

const WRONG_NAMES: Record<string, string> = {
  event: 'Unknown field. Meta names it event_name',
  eventID: 'Unknown field. The Pixel\'s eventID is event_id on the Conversions API',
  eventId: 'Unknown field. Meta names it event_id',
  timestamp: 'Unknown field. Meta uses event_time in integer Unix seconds',
  user: 'Unknown field. Meta uses user_data',
  properties: 'Unknown field. Meta uses custom_data',
  page: 'Unknown field. Meta uses event_source_url (and referrer_url)',
  limited_data_use: 'Unknown field. Meta uses data_processing_options: ["LDU"] with _country and _state',
  test_event_code: 'Unknown field. test_event_code belongs at the top level of the request',
  pixel_id: 'Unknown field. The pixel id is in the path: /{version}/{pixel_id}/events',
};

export interface ServerEventOptions {
  /** Reject events without event_id (default true: without one no Pixel copy can deduplicate). */
  requireEventId: boolean;
  /** Arrival time, ms since the epoch. */
  nowMs: number;
}

function checkUrl(value: unknown, at: string): GraphError | undefined {
  if (typeof value !== 'string' || value.length === 0) return invalidParameter(at, 'Not a valid non-empty string');
  let url: URL;
  try { url = new URL(value); } catch { return invalidParameter(at, 'Not an absolute URL'); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalidParameter(at, 'Not an http(s) URL');
  return undefined;
}

function checkEventTime(value: unknown, at: string, nowMs: number): GraphError | undefined {
  if (value === undefined) return invalidParameter(at, 'Missing required field');
  if (typeof value === 'string') return invalidParameter(at, 'Not an integer: event_time is integer Unix seconds, not a string');
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalidParameter(at, 'Not an integer (Unix seconds)');
  if (value <= 0) return invalidParameter(at, 'Must be a positive Unix time in seconds');
  if (value >= MAX_SECONDS) return invalidParameter(at, 'Not Unix seconds: the value looks like milliseconds');
  const nowS = nowMs / 1000;
  if (nowS - value > META_MAX_EVENT_AGE_S) return eventTooOld(at, Math.floor((nowS - value) / 86_400));
  if (value - nowS > META_FUTURE_SKEW_S) return invalidParameter(at, `event_time is ${Math.round(value - nowS)} s in the future (more than ${META_FUTURE_SKEW_S} s of clock skew)`, null, 'Event Timestamp In The Future');
  return undefined;
}

function checkLdu(e: Record<string, unknown>, path: string): GraphError | undefined {
  const dpo = e.data_processing_options;
  const country = e.data_processing_options_country;
  const state = e.data_processing_options_state;
  let ldu = false;
  if (dpo !== undefined) {
    if (!Array.isArray(dpo) || dpo.length > 1 || (dpo.length === 1 && dpo[0] !== 'LDU')) {
      return invalidParameter(`${path}.data_processing_options`, 'Only ["LDU"] (Limited Data Use) or [] (explicitly no LDU) is accepted');
    }
    ldu = dpo.length === 1;
  }
  if (!ldu) {
    if (country !== undefined || state !== undefined) {
      return invalidParameter(`${path}.data_processing_options_${country !== undefined ? 'country' : 'state'}`, 'Only meaningful with data_processing_options ["LDU"]');
    }
    return undefined;
  }
  if (country !== undefined && country !== 0 && country !== 1) return invalidParameter(`${path}.data_processing_options_country`, 'Must be the integer 1 (USA) or 0 (let Meta geolocate)');
  if (state !== undefined && (typeof state !== 'number' || !LDU_STATES.has(state))) {
    return invalidParameter(`${path}.data_processing_options_state`, 'Must be 0 (geolocate) or a state code 1000 (CA) … 1013 (RI)');
  }
  if (country !== undefined && state === undefined) return invalidParameter(`${path}.data_processing_options_state`, 'Missing required field: a country needs a state (0 to geolocate)');
  if (state !== undefined && country === undefined) return invalidParameter(`${path}.data_processing_options_country`, 'Missing required field: a state needs a country (1 for the USA)');
  if (country === 0 && state !== 0) return invalidParameter(`${path}.data_processing_options_state`, 'A state code needs data_processing_options_country 1');
  const userData = e.user_data as Record<string, unknown>;
  if (country === undefined && typeof userData.client_ip_address !== 'string') {
    return invalidParameter(`${path}.data_processing_options_country`, 'Missing required field: with LDU and no client_ip_address, Meta cannot geolocate; send country and state');
  }
  return undefined;
}

export function validateServerEvent(event: unknown, path: string, options: ServerEventOptions): GraphError | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return invalidParameter(path, 'Not a valid object');
  const e = event as Record<string, unknown>;
  for (const key in e) {
    if (e[key] === null) return invalidParameter(`${path}.${key}`, 'Field may not be null: omit it instead');
  }
  if (e.event_name === undefined) return invalidParameter(`${path}.event_name`, 'Missing required field');
  if (typeof e.event_name !== 'string' || e.event_name.length === 0) return invalidParameter(`${path}.event_name`, 'Not a valid non-empty string');
  const timeProblem = checkEventTime(e.event_time, `${path}.event_time`, options.nowMs);
  if (timeProblem) return timeProblem;
  if (e.event_id === undefined) {
    if (options.requireEventId) return invalidParameter(`${path}.event_id`, 'Missing required field (the stand-in requires it: without it no Pixel eventID can deduplicate)');
  } else if (typeof e.event_id !== 'string' || e.event_id.length === 0) {
    return invalidParameter(`${path}.event_id`, 'Not a valid non-empty string');
  }
  if (e.action_source === undefined) return invalidParameter(`${path}.action_source`, 'Missing required field: website events send action_source "website"');
  if (typeof e.action_source !== 'string' || !ACTION_SOURCES.has(e.action_source)) {
    return invalidParameter(`${path}.action_source`, `Must be one of: ${[...ACTION_SOURCES].join(', ')} (lower-case)`);
  }
  if (e.action_source !== 'website') return invalidParameter(`${path}.action_source`, `The stand-in models website events only; got "${e.action_source}"`);
  if (e.event_source_url === undefined) return invalidParameter(`${path}.event_source_url`, 'Missing required field: website events need event_source_url');
  const urlProblem = checkUrl(e.event_source_url, `${path}.event_source_url`);
  if (urlProblem) return urlProblem;
  const userProblem = validateUserData(e.user_data, `${path}.user_data`, options.nowMs);
  if (userProblem) return userProblem;
  const customProblem = validateCustomData(e.custom_data, `${path}.custom_data`, e.event_name);
  if (customProblem) return customProblem;
  for (const key in e) {
    switch (key) {
      case 'event_name': case 'event_time': case 'event_id': case 'action_source': case 'event_source_url': case 'user_data': case 'custom_data':
      case 'data_processing_options': case 'data_processing_options_country': case 'data_processing_options_state':
        break;
      case 'opt_out':
        if (typeof e.opt_out !== 'boolean') return invalidParameter(`${path}.opt_out`, 'Not a valid boolean');
        break;
      case 'referrer_url': {
        const problem = checkUrl(e.referrer_url, `${path}.referrer_url`);
        if (problem) return problem;
        break;
      }
      case 'original_event_data':
        if (typeof e[key] !== 'object' || Array.isArray(e[key])) return invalidParameter(`${path}.${key}`, 'Not a valid object');
        break;
      case 'customer_segmentation':
        if (typeof e[key] !== 'string') return invalidParameter(`${path}.${key}`, 'Not a valid string');
        break;
      default:
        if (APP_ONLY.has(key)) return invalidParameter(`${path}.${key}`, 'Only for app or messaging events, not website events');
        return invalidParameter(`${path}.${key}`, WRONG_NAMES[key] ?? 'Unknown field');
    }
  }
  const lduProblem = checkLdu(e, path);
  if (lduProblem) return lduProblem;
  if (!hasCustomerInformation(e.user_data as Record<string, unknown>)) return insufficientCustomerInfo(`${path}.user_data`);
  return undefined;
}
