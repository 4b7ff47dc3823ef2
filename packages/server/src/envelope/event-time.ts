/**
 * event_time must be integer Unix seconds (TikTok v1.3). ISO strings, digit strings and
 * Dates are converted; a number that looks like milliseconds is an error (sending it would
 * put the event 50,000 years in the future); too old or in the future is an error.
 */
import type { Issue } from '../types.js';

/** Beyond this many seconds (year 5138) a number is milliseconds sent by mistake. */
const LOOKS_LIKE_MS = 100_000_000_000;

export interface EventTimeRules {
  nowSeconds: number;
  maxAgeSeconds: number;
  /** Clock skew tolerated for events "from the future". */
  maxFutureSeconds: number;
}

export type EventTimeResult = { ok: true; seconds: number; warning?: string } | { ok: false; message: string };

export function toEventSeconds(input: number | string | Date | undefined, rules: EventTimeRules): EventTimeResult {
  let seconds: number;
  let warning: string | undefined;
  if (input === undefined) {
    seconds = rules.nowSeconds;
    warning = 'missing: the send time was used (pass the time of the action for accurate attribution)';
  } else if (input instanceof Date) {
    seconds = Math.floor(input.getTime() / 1000);
  } else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: 'must be a finite number of seconds' };
    if (Math.abs(input) >= LOOKS_LIKE_MS) return { ok: false, message: 'looks like milliseconds: TikTok wants integer Unix seconds' };
    seconds = Math.floor(input);
    if (seconds !== input) warning = 'fractional seconds were truncated';
  } else if (/^\d+$/.test(input)) {
    return toEventSeconds(Number(input), rules);
  } else {
    const ms = Date.parse(input);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(input) || Number.isNaN(ms)) return { ok: false, message: 'must be Unix seconds or an ISO-8601 date-time' };
    seconds = Math.floor(ms / 1000);
  }
  if (Number.isNaN(seconds)) return { ok: false, message: 'is not a valid date' };
  if (seconds > rules.nowSeconds + rules.maxFutureSeconds) return { ok: false, message: 'is in the future' };
  if (seconds < rules.nowSeconds - rules.maxAgeSeconds) {
    return { ok: false, message: `is older than the ${formatWindow(rules.maxAgeSeconds)} window` };
  }
  return warning ? { ok: true, seconds, warning } : { ok: true, seconds };
}

function formatWindow(seconds: number): string {
  return seconds % 86400 === 0 ? `${seconds / 86400}-day` : `${seconds}-second`;
}

export function eventTimeIssue(result: EventTimeResult): Issue | undefined {
  return result.ok ? undefined : { path: 'eventTime', message: result.message };
}
