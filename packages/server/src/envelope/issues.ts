/**
 * zod issues → `{ path: "user.email[1]", message }`, the one error shape the CLI and the API
 * share. Paths name keys, and a key can be personal data (`{ user: { "alice@example.com": 1 } }`):
 * a key that looks like an email or phone number, is over-long or carries control characters
 * is shown as `<redacted>`, never echoed.
 */
import { looksLikePersonalData, looksLikePhone, MAX_EVENT_ID_LENGTH } from '@pixelpair/core';
import type { z } from 'zod';
import type { Issue } from '../types.js';

export const REDACTED_KEY = '<redacted>';
const MAX_SHOWN_KEY = 64;
const UNSAFE_KEY = /[@\x00-\x1f\x7f]/;

/** The key as it may appear in an error path or a log line. */
export function shownKey(key: string): string {
  return key.length > MAX_SHOWN_KEY || UNSAFE_KEY.test(key) || looksLikePersonalData(key) ? REDACTED_KEY : key;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const shown = shownKey(String(key));
      out += out ? `.${shown}` : shown;
    }
  }
  return out;
}

const UNKNOWN_KEY = 'unknown key (check its spelling against the envelope format)';
const UNKNOWN_HIDDEN_KEY = 'unknown key (its name is not shown: it looks like personal data)';

type ZodIssue = z.core.$ZodIssue;

/**
 * A union (`string | string[]`, number | decimal string) that failed: when exactly one branch
 * got past the type check, its own issues are the useful ones (`user.email[1]: must be at most
 * 254 characters`); otherwise the union's message stands.
 */
function unionBranch(issue: ZodIssue): ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || !Array.isArray(issue.errors)) return undefined;
  const typed = issue.errors.filter((branch) => branch.length > 0 && !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  return typed.length === 1 ? typed[0]!.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as ZodIssue) : undefined;
}

function toIssues(issue: ZodIssue): Issue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: shownKey(key) === key ? UNKNOWN_KEY : UNKNOWN_HIDDEN_KEY }));
  }
  const branch = unionBranch(issue);
  return branch ? branch.flatMap(toIssues) : [{ path: formatPath(issue.path), message: issue.message }];
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue) => toIssues(issue as ZodIssue));
}

/**
 * The event id of an envelope, as a result or a log line may show it: only an id the
 * envelope rules would accept (bounded, no spaces or "@", not a phone number). A rejected id
 * that is an email or a phone number is never printed back.
 */
export function shownEventId(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EVENT_ID_LENGTH) return undefined;
  if (/[\s@\x00-\x1f\x7f]/.test(raw) || looksLikePhone(raw)) return undefined;
  return raw;
}
