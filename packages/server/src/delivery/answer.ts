/** Reading an HTTP answer the same way for every destination: headers, JSON bodies, Retry-After. */
import type { HttpAnswer } from './http.js';
import { parseRetryAfter } from './backoff.js';

export type Headers = Record<string, string | string[] | undefined>;

export function header(headers: Headers | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as JSON, or undefined when it is not (an HTML error page, an empty body). */
export function jsonBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function retryAfterOf(answer: Extract<HttpAnswer, { status: number }>, now: number): number | undefined {
  return parseRetryAfter(header(answer.headers, 'retry-after'), now);
}

/** A platform message kept for the log, bounded. */
export const clip = (message: unknown): string | undefined => (typeof message === 'string' ? message.slice(0, 500) : undefined);
