/**
 * The checks every destination's settings go through, once, at construction. They throw
 * ConfigError with the setting's name; a secret's value never appears in a message.
 */
import { ConfigError } from './config-error.js';

/** A required, trimmed, bounded, printable identifier (pixel id, customer id, test code). */
export function requireId(setting: string, value: unknown, what: string, pattern?: RegExp): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new ConfigError(setting, `${what} is missing (${setting})`);
  if (text.length > 200 || !/^[\x21-\x7e]+$/.test(text)) throw new ConfigError(setting, `${what} must be up to 200 printable characters without spaces (${setting})`);
  if (pattern && !pattern.test(text)) throw new ConfigError(setting, `${what} does not look right (${setting})`);
  return text;
}

export function optionalId(setting: string, value: unknown, what: string, pattern?: RegExp): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : requireId(setting, value, what, pattern);
}

/**
 * An access token or secret travels in a header or a body: only visible ASCII can work there.
 * A control character (CR, LF, NUL, DEL, ESC…) or a space is refused here, at start, instead of
 * making the HTTP client refuse the header mid-delivery.
 */
export function checkSecret(setting: string, value: unknown, what: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new ConfigError(setting, `${what} is missing (${setting})`);
  // Not trimmed first: a pasted trailing newline is exactly the mistake to catch.
  const token = value;
  if (!/^[\x21-\x7e]+$/.test(token)) throw new ConfigError(setting, `${what} contains control characters, spaces or non-ASCII characters: copy it again without them (${setting})`);
  if (token.length > 4096) throw new ConfigError(setting, `${what} is longer than 4096 characters (${setting})`);
  return token;
}

export function optionalSecret(setting: string, value: unknown, what: string): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : checkSecret(setting, value, what);
}

/** An http(s) URL, parsed once; https is required outside localhost unless `allowHttp`. */
export function parseEndpoint(setting: string, value: unknown, fallback: string): URL {
  const raw = value === undefined || value === null || value === '' ? fallback : value;
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new ConfigError(setting, `the API URL is not a valid URL (${setting})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(setting, `the API URL must be http(s) (${setting})`);
  if (url.username || url.password) throw new ConfigError(setting, `the API URL must not carry credentials (${setting})`);
  return url;
}

export function positiveInt(setting: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ConfigError(setting, `${setting} must be a whole number from 1 to ${max}`);
  return n;
}
