/** One `data[i]` web event of a v1.3 `event/track` request. */
import { paramError, type Problem } from './codes.js';
import { validateUser } from './validate-user.js';
import { validatePage, validateProperties } from './validate-properties.js';

/** Above this an `event_time` is a millisecond timestamp (1e11 s is the year 5138). */
const MAX_SECONDS = 1e11;

const LEGACY_FIELDS: Record<string, string> = {
  timestamp: 'Unknown field. timestamp (ISO-8601) is the legacy pixel/track field; v1.3 uses event_time in integer Unix seconds',
  context: 'Unknown field. context is the legacy pixel/track shape; v1.3 puts user and page at event level',
  pixel_code: 'Unknown field. v1.3 names the pixel once, in the top-level event_source_id',
  event_source: 'Unknown field. event_source belongs at the top level',
  event_source_id: 'Unknown field. event_source_id belongs at the top level',
  test_event_code: 'Unknown field. test_event_code belongs at the top level',
  type: 'Unknown field. type belongs to the legacy pixel/batch shape',
};

export interface EventOptions {
  /** Reject events without an event_id (TikTok allows it, but no pair can deduplicate without one). */
  requireEventId: boolean;
}

function checkEventTime(value: unknown, path: string): Problem | undefined {
  if (value === undefined) return paramError(path, 'Missing data for required field');
  if (typeof value === 'string') {
    return paramError(path, 'Not a valid integer. event_time is integer Unix seconds, not a string (ISO strings belong to the legacy pixel/track API)');
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) return paramError(path, 'Not a valid integer (Unix seconds)');
  if (value <= 0) return paramError(path, 'Must be a positive Unix time in seconds');
  if (value >= MAX_SECONDS) return paramError(path, 'Not a valid Unix time in seconds: the value looks like milliseconds');
  return undefined;
}

export function validateEvent(event: unknown, path: string, options: EventOptions): Problem | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return paramError(path, 'Not a valid mapping type');
  const e = event as Record<string, unknown>;
  if (e.event === undefined) return paramError(`${path}.event`, 'Missing data for required field');
  if (typeof e.event !== 'string') return paramError(`${path}.event`, 'Not a valid string');
  if (e.event.length === 0) return paramError(`${path}.event`, 'Shorter than minimum length 1');
  const timeProblem = checkEventTime(e.event_time, `${path}.event_time`);
  if (timeProblem) return timeProblem;
  if (e.event_id === undefined) {
    if (options.requireEventId) return paramError(`${path}.event_id`, 'Missing data for required field (needed to deduplicate against the Pixel copy)');
  } else if (typeof e.event_id !== 'string') {
    return paramError(`${path}.event_id`, 'Not a valid string');
  } else if (e.event_id.length === 0) {
    return paramError(`${path}.event_id`, 'Shorter than minimum length 1');
  }
  for (const key in e) {
    const value = e[key];
    switch (key) {
      case 'event': case 'event_time': case 'event_id':
        break;
      case 'user': {
        const problem = validateUser(value, `${path}.user`);
        if (problem) return problem;
        break;
      }
      case 'page': {
        const problem = validatePage(value, `${path}.page`);
        if (problem) return problem;
        break;
      }
      case 'properties': {
        const problem = validateProperties(value, `${path}.properties`);
        if (problem) return problem;
        break;
      }
      case 'limited_data_use':
        if (typeof value !== 'boolean') return paramError(`${path}.limited_data_use`, 'Not a valid boolean');
        break;
      case 'device': case 'lead':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return paramError(`${path}.${key}`, 'Not a valid mapping type');
        break;
      case 'app': case 'ad':
        return paramError(`${path}.${key}`, 'Only allowed for app events (event_source "app")');
      default:
        return paramError(`${path}.${key}`, LEGACY_FIELDS[key] ?? 'Unknown field');
    }
  }
  return undefined;
}
