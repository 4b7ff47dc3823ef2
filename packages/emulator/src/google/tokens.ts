/**
 * Access tokens the stand-in issued: opaque `ya29.`-style strings with a lifetime, the scopes
 * they carry and a count, so tests can assert caching (one token for many requests) and
 * refresh. Tokens live only in this map; they are never logged or put in a record.
 */
import { randomBytes } from 'node:crypto';

export type TokenCheck = { ok: true; scopes: readonly string[] } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

export interface TokenStore {
  issue(scopes: string[], nowMs: number): { accessToken: string; expiresIn: number };
  check(token: string | undefined, nowMs: number): TokenCheck;
  /** Makes every token issued so far expired, as if its hour had passed. */
  expireAll(): void;
  issued(): number;
  lifetimeSeconds(): number;
  setLifetime(seconds: number): void;
  /** Zeroes the count and restores the configured lifetime. Issued tokens stay valid: a server under test keeps its cached token across tests. */
  reset(): void;
}

/** Google answers `expires_in: 3599` for a fresh service-account token. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;

export function checkLifetime(seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw new Error('google.tokenLifetimeSeconds: expected an integer number of seconds between 1 and 86400');
  }
  return seconds;
}

export function createTokenStore(initialLifetime: number): TokenStore {
  const configured = checkLifetime(initialLifetime);
  let lifetime = configured;
  const tokens = new Map<string, { expiresAt: number; scopes: string[] }>();
  let count = 0;
  return {
    issue(scopes, nowMs) {
      const accessToken = `ya29.${randomBytes(48).toString('base64url')}`;
      // Drop expired ones so a client that never caches cannot grow the map without bound.
      if (tokens.size > 1000) for (const [t, v] of tokens) if (v.expiresAt <= nowMs) tokens.delete(t);
      tokens.set(accessToken, { expiresAt: nowMs + lifetime * 1000, scopes });
      count++;
      return { accessToken, expiresIn: lifetime };
    },
    check(token, nowMs) {
      if (!token) return { ok: false, reason: 'missing' };
      const entry = tokens.get(token);
      if (!entry) return { ok: false, reason: 'unknown' };
      if (entry.expiresAt <= nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, scopes: entry.scopes };
    },
    expireAll() {
      for (const entry of tokens.values()) entry.expiresAt = 0;
    },
    issued: () => count,
    lifetimeSeconds: () => lifetime,
    setLifetime(seconds) {
      lifetime = checkLifetime(seconds);
    },
    reset() {
      count = 0;
      lifetime = configured;
    },
  };
}
