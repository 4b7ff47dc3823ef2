/**
 * TikTok's return codes (from TikTok's Business API SDK code table) that the stand-in
 * answers with, and the message text it uses. Errors come back as HTTP 200 with a
 * non-zero `code`, exactly like TikTok.
 */
export const CODES = {
  OK: 0,
  PERMISSION_ERROR: 40001,
  PARAM_ERROR: 40002,
  INVALID_BATCH_SIZE: 40061,
  PII_NOT_HASHED: 40062,
  INVALID_PARTNER_NAME: 40063,
  REQUEST_TOO_FREQUENT: 40100,
  TOKEN_EXPIRED: 40102,
  TOKEN_EMPTY: 40104,
  TOKEN_INVALID: 40105,
  SYS_ERROR: 50000,
} as const;

export const MESSAGES = {
  ok: 'OK',
  tokenEmpty: 'Access token is null. Please set the Access-Token header.',
  tokenInvalid: 'Access token is incorrect or has been revoked.',
  tokenExpired: 'Access token has expired.',
  rateLimited: 'Too many requests. Please retry in some time.',
  sysError: 'System error. Please retry later.',
  noPermission: (pixelId: string) =>
    `No permission to operate pixel code: ${pixelId}. You must be an admin or operator of this pixel code.`,
} as const;

/** A rejected request: one code and one message naming the first offending path. */
export interface Problem {
  code: number;
  message: string;
}

export function paramError(path: string, reason: string): Problem {
  return { code: CODES.PARAM_ERROR, message: `${path}: ${reason}` };
}
