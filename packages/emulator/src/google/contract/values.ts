/**
 * Shared checks for the proto-JSON body: objects with known fields only, strings, numbers,
 * enums, RFC 3339 timestamps. proto JSON treats `null` and default values (`""`, `0`) as
 * absent, so `present()` does too. Each check returns a problem naming the field, or nothing.
 */
import { invalidArgument, type RpcProblem } from '../rpc-error.js';

export type Problem = RpcProblem;
export type Json = Record<string, unknown>;

export function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && value !== 0 && value !== false;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** camelCase of a snake_case name, for the hint when someone sends the proto field name. */
function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Refuses fields outside `known`. `hints` names the usual mistake (a Google Ads API field, a
 * field at the wrong level). snake_case proto names are refused too: Google would accept
 * them, but pixelpair sends the lowerCamelCase JSON names, so a snake_case name is a bug.
 */
export function checkFields(obj: Json, path: string, known: readonly string[], hints: Readonly<Record<string, string>> = {}): Problem | undefined {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const field = path ? `${path}.${key}` : key;
    const hint = hints[key] ?? (known.includes(camel(key)) ? `use the JSON name ${camel(key)} (the stand-in requires lowerCamelCase names)` : undefined);
    return invalidArgument(field, 'INVALID_ARGUMENT', `Unknown field${hint ? `; ${hint}` : ''}`);
  }
  return undefined;
}

export function mapping(value: unknown, path: string): Problem | undefined {
  return isObject(value) ? undefined : invalidArgument(path, 'INVALID_ARGUMENT', 'expected a JSON object');
}

export function string(value: unknown, path: string): Problem | undefined {
  return typeof value === 'string' ? undefined : invalidArgument(path, 'INVALID_ARGUMENT', 'expected a string');
}

export function list(value: unknown, path: string): Problem | undefined {
  return Array.isArray(value) ? undefined : invalidArgument(path, 'INVALID_ARGUMENT', 'expected a JSON array');
}

/** A double: a finite JSON number (proto JSON also takes numeric strings; the stand-in wants numbers). */
export function number(value: unknown, path: string): Problem | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? undefined : invalidArgument(path, 'INVALID_ARGUMENT', 'expected a JSON number');
}

/** An int64: an integral JSON number. */
export function integer(value: unknown, path: string): Problem | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : invalidArgument(path, 'INVALID_ARGUMENT', 'expected an integer');
}

export function boolean(value: unknown, path: string): Problem | undefined {
  return typeof value === 'boolean' ? undefined : invalidArgument(path, 'INVALID_ARGUMENT', 'expected true or false');
}

/** An enum by name. The `*_UNSPECIFIED` value "should never be used" and is refused too. */
export function enumValue(value: unknown, path: string, allowed: readonly string[]): Problem | undefined {
  if (typeof value === 'string' && allowed.includes(value)) return undefined;
  return invalidArgument(path, 'INVALID_ENUM_VALUE', `expected one of ${allowed.join(', ')}`);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
const ADS_API_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}:?\d{2}$/;

/** Parses an RFC 3339 timestamp (`2026-08-16T19:35:00Z`); returns ms since the epoch or a problem. */
export function timestamp(value: unknown, path: string): number | Problem {
  if (typeof value === 'number') return invalidArgument(path, 'INVALID_FORMAT', 'expected an RFC 3339 timestamp string such as 2026-08-16T19:35:00Z, not a Unix epoch number');
  if (typeof value !== 'string') return invalidArgument(path, 'INVALID_FORMAT', 'expected an RFC 3339 timestamp string such as 2026-08-16T19:35:00Z');
  if (ADS_API_FORMAT.test(value)) {
    return invalidArgument(path, 'INVALID_FORMAT', 'this is the Google Ads API format (yyyy-mm-dd hh:mm:ss+hh:mm); Data Manager takes RFC 3339 such as 2026-08-16T19:35:00Z');
  }
  const m = RFC3339.exec(value);
  if (!m) return invalidArgument(path, 'INVALID_FORMAT', 'expected RFC 3339 with a T, seconds and Z or an offset, such as 2026-08-16T19:35:00Z');
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetHours = m[9] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[10] === undefined ? 0 : Number(m[10]);
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return invalidArgument(path, 'INVALID_FORMAT', 'not a real date and time');
  }
  const sign = m[8]!.startsWith('-') ? -1 : 1;
  const fraction = m[7] ? Number(m[7].slice(0, 4)) * 1000 : 0;
  return probe.getTime() + fraction - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}
