/**
 * Graph API errors as the Conversions API answers them (reference A3): a real HTTP status and
 * `{ error: { message, type, code, error_subcode?, is_transient, error_user_title?,
 * error_user_msg?, fbtrace_id } }`. Unlike TikTok, the status means something, so each error
 * here carries one. Messages never echo a rejected value: it is often plain personal data.
 */
import { randomBytes } from 'node:crypto';

export interface GraphError {
  status: number;
  code: number;
  /** Omitted from the body when null, as Graph does. */
  subcode: number | null;
  type: string;
  message: string;
  transient: boolean;
  /** Set on validation errors (Graph puts the useful detail here, not in `message`). */
  userTitle?: string;
  userMsg?: string;
}

/** Subcodes whose meaning the reference pins (A2, A3); other field errors carry no subcode. */
export const SUBCODES = {
  EVENT_TOO_OLD: 2804003,
  INSUFFICIENT_CUSTOMER_INFO: 2804050,
  OBJECT_NOT_FOUND: 33,
  TOKEN_EXPIRED: 463,
  SESSION_INVALIDATED: 460,
} as const;

const oauth = (status: number, code: number, message: string, transient = false, subcode: number | null = null): GraphError =>
  ({ status, code, subcode, type: 'OAuthException', message, transient });

/** A field rule broken: HTTP 400, code 100, the path and reason in `error_user_msg`. */
export function invalidParameter(path: string, reason: string, subcode: number | null = null, title = 'Invalid parameter'): GraphError {
  return { ...oauth(400, 100, 'Invalid parameter', false, subcode), userTitle: title, userMsg: `${path}: ${reason}` };
}

export function eventTooOld(path: string, ageDays: number): GraphError {
  return invalidParameter(path, `this event is ${ageDays} days old; events must reach Meta within 7 days of event_time, and one such event fails the whole request`, SUBCODES.EVENT_TOO_OLD, 'Event Timestamp Too Old');
}

export function insufficientCustomerInfo(path: string): GraphError {
  return invalidParameter(path, 'no customer information parameter to match on: send at least one of em, ph, external_id, fbc, fbp, or client_ip_address with client_user_agent', SUBCODES.INSUFFICIENT_CUSTOMER_INFO, 'Insufficient customer information parameters');
}

export const GRAPH_ERRORS = {
  tokenMissing: () => oauth(400, 104, 'An access token is required to request this resource.'),
  tokenInvalid: () => oauth(401, 190, 'Invalid OAuth access token - Cannot parse access token'),
  tokenExpired: () => oauth(401, 190, 'Error validating access token: Session has expired.', false, SUBCODES.TOKEN_EXPIRED),
  tokenRevoked: () => oauth(401, 190, 'Error validating access token: The session has been invalidated (password change or a security reset).', false, SUBCODES.SESSION_INVALIDATED),
  permission: () => oauth(403, 200, '(#200) Permissions error'),
  noPermission: () => oauth(403, 10, '(#10) Application does not have permission for this action'),
  objectNotFound: (id: string) => oauth(400, 100, `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, false, SUBCODES.OBJECT_NOT_FOUND),
  appRateLimit: () => oauth(429, 4, '(#4) Application request limit reached', true),
  userRateLimit: () => oauth(429, 17, '(#17) User request limit reached', true),
  accountRateLimit: () => oauth(429, 80003, '(#80003) There have been too many calls to this ad account. Wait a bit and try again.', true),
  transient: () => oauth(503, 2, 'An unexpected error has occurred. Please retry your request later.', true),
  /** Code 1 with is_transient false on purpose: a client must retry a 5xx / code 1 on the status and code, not only on the flag. */
  unknown: () => oauth(500, 1, 'An unknown error has occurred.'),
  proofMissing: () => ({ ...oauth(400, 100, 'API calls from the server require an appsecret_proof argument'), type: 'GraphMethodException' }),
  proofInvalid: () => ({ ...oauth(400, 100, 'Invalid appsecret_proof provided in the API argument'), type: 'GraphMethodException' }),
} as const;

export function graphErrorBody(error: GraphError, fbtraceId: string): { error: Record<string, unknown> } {
  const body: Record<string, unknown> = { message: error.message, type: error.type, code: error.code };
  if (error.subcode !== null) body.error_subcode = error.subcode;
  body.is_transient = error.transient;
  if (error.userTitle !== undefined) body.error_user_title = error.userTitle;
  if (error.userMsg !== undefined) body.error_user_msg = error.userMsg;
  body.fbtrace_id = fbtraceId;
  return { error: body };
}

const TRACE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Graph-looking trace ids: `A` + 22 base64url characters (e.g. `AxFa_0JxfQ4sctzqEQisyeJ`). */
export function newFbtraceId(): string {
  const bytes = randomBytes(22);
  let out = 'A';
  for (const byte of bytes) out += TRACE_ALPHABET[byte & 63];
  return out;
}
