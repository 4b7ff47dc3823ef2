/**
 * Graph reads parameters from the body (JSON or a form post), a bearer header, or the query
 * string. This takes the access token and appsecret_proof out of them, remembers where the
 * token came from (a token in the URL ends up in access logs, so tests assert it never does)
 * and returns the rest for validation. The token is never stored.
 */
import type { IncomingMessage } from 'node:http';
import { invalidParameter, type GraphError } from './graph-error.js';

export type TokenSource = 'body' | 'form' | 'header' | 'query';

export interface RequestParams {
  token: string | null;
  tokenSource: TokenSource | null;
  /** True whenever the query string carried access_token, even if the body did too. */
  tokenInUrl: boolean;
  appsecretProof: string | null;
  /** Everything else from the body (for a form post, `data` JSON-decoded). */
  body: Record<string, unknown>;
}

export type ParamsResult = { ok: true; params: RequestParams } | { ok: false; error: GraphError };

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

function parseBody(req: IncomingMessage, text: string): { ok: true; body: Record<string, unknown>; form: boolean } | { ok: false; error: GraphError } {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (text.trim() === '') return { ok: true, body: {}, form: false };
  if (type.includes('application/json')) {
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { return { ok: false, error: invalidParameter('body', 'Invalid JSON') }; }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, error: invalidParameter('body', 'Not a JSON object') };
    return { ok: true, body: parsed as Record<string, unknown>, form: false };
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    const body: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(text)) body[key] = value;
    if (typeof body.data === 'string') {
      try { body.data = JSON.parse(body.data); } catch { return { ok: false, error: invalidParameter('data', 'Invalid JSON in the data form field') }; }
    }
    return { ok: true, body, form: true };
  }
  return { ok: false, error: invalidParameter('header Content-Type', 'Must be application/json or application/x-www-form-urlencoded') };
}

export function readParams(req: IncomingMessage, text: string): ParamsResult {
  const url = req.url ?? '/';
  const i = url.indexOf('?');
  const query = new URLSearchParams(i < 0 ? '' : url.slice(i + 1));
  const parsed = parseBody(req, text);
  if (!parsed.ok) return parsed;
  const { body, form } = parsed;
  const fromBody = typeof body.access_token === 'string' && body.access_token.trim() ? body.access_token.trim() : null;
  const fromHeader = bearer(req);
  const fromQuery = query.get('access_token')?.trim() || null;
  const token = fromBody ?? fromHeader ?? fromQuery;
  const tokenSource: TokenSource | null = fromBody ? (form ? 'form' : 'body') : fromHeader ? 'header' : fromQuery ? 'query' : null;
  const proof = typeof body.appsecret_proof === 'string' ? body.appsecret_proof : query.get('appsecret_proof');
  const rest: Record<string, unknown> = {};
  for (const key in body) if (key !== 'access_token' && key !== 'appsecret_proof') rest[key] = body[key];
  return { ok: true, params: { token, tokenSource, tokenInUrl: query.has('access_token'), appsecretProof: proof ?? null, body: rest } };
}
