/**
 * Verifies the signed JWT a service account posts to the token endpoint (RFC 7523): RS256
 * signature with the stand-in's key, then the claims google-auth-library sends (`iss`,
 * `aud`, `scope`, `iat`, `exp`). The answer is a value; descriptions never echo the token.
 */
import { verify, type KeyObject } from 'node:crypto';

/** What google-auth-library puts in `aud` (it ignores the key file's token_uri). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DATAMANAGER_SCOPE = 'https://www.googleapis.com/auth/datamanager';
/** Google allows at most one hour between iat and exp. */
export const MAX_ASSERTION_SECONDS = 3600;
/** Tolerated clock skew for an iat in the future. */
const SKEW_SECONDS = 300;
const MAX_ASSERTION_CHARS = 16 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const SCOPE_URL = /^https:\/\/www\.googleapis\.com\/auth\/[a-z0-9._/-]+$/;

export type OAuthError = 'invalid_request' | 'invalid_grant' | 'invalid_scope' | 'unauthorized_client' | 'unsupported_grant_type';

export type AssertionCheck =
  | { ok: true; clientEmail: string; scopes: string[] }
  | { ok: false; error: OAuthError; description: string };

export interface AssertionKeys {
  clientEmail: string;
  privateKeyId: string;
  publicKey: () => KeyObject;
  /** The stand-in's own token URL, also accepted as `aud`. */
  tokenUrl: string;
}

const fail = (error: OAuthError, description: string): AssertionCheck => ({ ok: false, error, description });

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export function checkAssertion(assertion: string, keys: AssertionKeys, nowMs: number): AssertionCheck {
  if (assertion.length > MAX_ASSERTION_CHARS) return fail('invalid_grant', 'Invalid JWT: the assertion is too long.');
  const parts = assertion.split('.');
  if (parts.length !== 3 || !parts.every((p) => p.length > 0 && BASE64URL.test(p))) {
    return fail('invalid_grant', 'Invalid JWT: expected three base64url parts (header.payload.signature).');
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload) return fail('invalid_grant', 'Invalid JWT: header and payload must be base64url JSON objects.');
  if (header.alg !== 'RS256') return fail('invalid_grant', 'Invalid JWT: alg must be RS256.');
  if (header.typ !== undefined && header.typ !== 'JWT') return fail('invalid_grant', 'Invalid JWT: typ must be JWT when present.');
  if (header.kid !== undefined && header.kid !== keys.privateKeyId) return fail('invalid_grant', 'Invalid JWT Signature. (kid is not this service account\'s private_key_id)');
  const signed = verify('sha256', Buffer.from(`${headerPart}.${payloadPart}`), keys.publicKey(), Buffer.from(signaturePart, 'base64url'));
  if (!signed) return fail('invalid_grant', 'Invalid JWT Signature.');

  if (payload.iss !== keys.clientEmail) return fail('invalid_grant', 'Invalid JWT: iss must be the service account\'s client_email.');
  if (payload.aud !== GOOGLE_TOKEN_URL && payload.aud !== keys.tokenUrl) return fail('invalid_grant', `Invalid JWT: aud must be ${GOOGLE_TOKEN_URL}.`);
  if (payload.sub !== undefined && payload.sub !== payload.iss) {
    return fail('unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method (sub: domain-wide delegation is not modelled; omit it).');
  }
  if (payload.target_audience !== undefined) return fail('invalid_request', 'target_audience asks for an ID token; the stand-in issues access tokens only.');
  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = payload;
  if (!isInteger(iat) || !isInteger(exp) || exp <= iat || exp - iat > MAX_ASSERTION_SECONDS || iat > now + SKEW_SECONDS || exp <= now) {
    return fail('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values (integer seconds) in the JWT claim.');
  }
  if (typeof payload.scope !== 'string' || payload.scope.trim() === '') return fail('invalid_scope', 'Invalid OAuth scope: the scope claim is missing or empty.');
  const scopes = payload.scope.split(' ').filter(Boolean);
  if (!scopes.every((s) => SCOPE_URL.test(s))) {
    return fail('invalid_scope', 'Invalid OAuth scope: each scope must be a https://www.googleapis.com/auth/… URL, separated by spaces.');
  }
  return { ok: true, clientEmail: keys.clientEmail, scopes };
}
