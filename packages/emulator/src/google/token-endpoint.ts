/**
 * `POST /google/token`: the OAuth 2 token endpoint for the stand-in's service account, in
 * place of `https://oauth2.googleapis.com/token`. It takes what google-auth-library posts
 * (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<RS256 JWT>`), verifies
 * the assertion and answers `{ access_token, expires_in, token_type: 'Bearer' }`, or an OAuth
 * error `{ error, error_description }` with HTTP 400. Faults come first, from its own spec.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, Faults } from '../faults.js';
import { readBody, sendJson, sendText } from '../http.js';
import { checkAssertion, type AssertionKeys, type OAuthError } from './assertion.js';
import type { GoogleRecordStore } from './records.js';
import type { TokenStore } from './tokens.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_TOKEN_BODY = 64 * 1024;

export interface TokenDeps {
  tokens: TokenStore;
  keys: () => AssertionKeys;
  records: GoogleRecordStore;
  faults: Faults;
  hold: (ms: number, then: () => void) => void;
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

const FAULT_ERRORS: Partial<Record<Fault['kind'], [number, string, string]>> = {
  token_expired: [400, 'invalid_grant', 'Invalid JWT Signature. (injected: the key was deleted or rotated)'],
  token_invalid: [400, 'invalid_grant', 'Invalid grant: account not found. (injected)'],
  no_permission: [400, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method. (injected)'],
  rate_limit: [429, 'rate_limit_exceeded', 'Rate limit exceeded. (injected)'],
  frequency_limited: [429, 'rate_limit_exceeded', 'Rate limit exceeded. (injected)'],
  sys_error: [500, 'internal_failure', 'Backend Error (injected)'],
};

export async function handleToken(req: IncomingMessage, res: ServerResponse, deps: TokenDeps): Promise<void> {
  const text = await readBody(req, MAX_TOKEN_BODY);
  const at = Date.now();
  const fault = deps.faults.pick();
  if (fault && fault.kind !== 'slow') return applyFault(fault, at, res, deps);
  if (fault) return deps.hold(fault.delayMs, () => answer(req, res, text, Date.now(), deps, 'slow'));
  answer(req, res, text, at, deps, null);
}

function answer(req: IncomingMessage, res: ServerResponse, text: string | null, at: number, deps: TokenDeps, faulted: string | null): void {
  const refuse = (error: OAuthError | 'invalid_request', description: string) => {
    deps.records.addTokenRequest({ at, httpStatus: 400, ok: false, error, description, faulted });
    sendJson(res, 400, { error, error_description: description }, NO_STORE);
  };
  if (text === null) return refuse('invalid_request', 'The request body is too large.');
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) return refuse('invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
  const form = new URLSearchParams(text);
  const grant = form.get('grant_type');
  if (!grant) return refuse('invalid_request', 'Missing required parameter: grant_type.');
  if (grant !== JWT_BEARER_GRANT) return refuse('unsupported_grant_type', `Invalid grant_type: a service account uses ${JWT_BEARER_GRANT}.`);
  const assertion = form.get('assertion');
  if (!assertion) return refuse('invalid_request', 'Missing required parameter: assertion.');
  const check = checkAssertion(assertion, deps.keys(), at);
  if (!check.ok) return refuse(check.error, check.description);
  const { accessToken, expiresIn } = deps.tokens.issue(check.scopes, at);
  deps.records.addTokenRequest({ at, httpStatus: 200, ok: true, error: null, description: null, faulted });
  sendJson(res, 200, { access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' }, NO_STORE);
}

function applyFault(fault: Fault, at: number, res: ServerResponse, deps: TokenDeps): void {
  const mapped = FAULT_ERRORS[fault.kind];
  if (mapped) {
    const [status, error, description] = mapped;
    deps.records.addTokenRequest({ at, httpStatus: status, ok: false, error, description, faulted: fault.kind });
    return sendJson(res, status, { error, error_description: description }, NO_STORE);
  }
  if (fault.kind.startsWith('http_')) {
    const status = Number(fault.kind.slice(5));
    deps.records.addTokenRequest({ at, httpStatus: status, ok: false, error: null, description: `HTTP ${status}`, faulted: fault.kind });
    return sendText(res, status, 'text/html; charset=utf-8', `<!DOCTYPE html><title>Error ${status}</title><p><b>${status}.</b> That's an error.`);
  }
  deps.records.addTokenRequest({ at, httpStatus: 0, ok: false, error: null, description: fault.kind === 'reset' ? 'connection reset' : `held ${fault.delayMs} ms then reset`, faulted: fault.kind });
  if (fault.kind === 'reset') res.socket?.destroy();
  else deps.hold(fault.delayMs, () => res.socket?.destroy());
}
