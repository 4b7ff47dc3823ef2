/**
 * The bearer check in front of the Data Manager routes, answered the way Google's front end
 * does: 401 UNAUTHENTICATED (missing, unknown or expired token) or 403 PERMISSION_DENIED
 * (a token without the datamanager scope). The token itself is never echoed or stored.
 */
import type { IncomingMessage } from 'node:http';
import { DATAMANAGER_SCOPE } from './assertion.js';
import type { RpcProblem } from './rpc-error.js';
import type { TokenStore } from './tokens.js';

const UNAUTHENTICATED_MESSAGE = 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.';

export const WWW_AUTHENTICATE = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' };

export function unauthenticated(reason: string, detail: string, method: string): RpcProblem {
  return { status: 'UNAUTHENTICATED', reason, domain: 'googleapis.com', method, message: `${UNAUTHENTICATED_MESSAGE} ${detail}` };
}

export function checkBearer(req: IncomingMessage, tokens: TokenStore, method: string, nowMs: number): RpcProblem | null {
  const header = req.headers.authorization;
  if (!header || !header.trim()) return unauthenticated('CREDENTIALS_MISSING', 'The Authorization header is missing.', method);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return unauthenticated('ACCESS_TOKEN_TYPE_UNSUPPORTED', 'Expected "Authorization: Bearer <access token>".', method);
  const check = tokens.check(match[1], nowMs);
  if (!check.ok) {
    return check.reason === 'expired'
      ? unauthenticated('ACCESS_TOKEN_EXPIRED', 'The access token has expired; fetch a new one.', method)
      : unauthenticated('ACCESS_TOKEN_TYPE_UNSUPPORTED', 'The access token was not issued by this stand-in\'s token endpoint.', method);
  }
  if (!check.scopes.includes(DATAMANAGER_SCOPE)) {
    return {
      status: 'PERMISSION_DENIED', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com', method,
      message: `Request had insufficient authentication scopes: the token must carry ${DATAMANAGER_SCOPE}.`,
    };
  }
  return null;
}
