/**
 * OAuth 2 for the Data Manager API with Google's own google-auth-library: a service-account key
 * (given, or read once from GOOGLE_APPLICATION_CREDENTIALS' file by the caller) or application
 * default credentials; scope `https://www.googleapis.com/auth/datamanager`. The library signs the
 * assertion, fetches the token, caches it and refreshes it before it expires. `tokenUrl` sends
 * its token requests elsewhere (a local stand-in in tests) through its own HTTP transporter.
 * A failure to get a token is an outcome, never an exception, and never carries key material.
 */
import { GoogleAuth, gaxios } from 'google-auth-library';
import { ConfigError } from '../../config/config-error.js';
import type { DeliveryOutcome } from '../../delivery/outcome.js';

export const DATAMANAGER_SCOPE = 'https://www.googleapis.com/auth/datamanager';
/** Where google-auth-library posts a service account's signed assertion. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface ServiceAccountKey {
  type: 'service_account';
  client_email: string;
  private_key: string;
  [key: string]: unknown;
}

/** Checks a service-account key's shape without ever putting its contents in a message. */
export function checkServiceAccountKey(setting: string, value: unknown): ServiceAccountKey {
  const key = value as Partial<ServiceAccountKey> | null;
  if (!key || typeof key !== 'object') throw new ConfigError(setting, `the Google credentials are not a service-account key (${setting})`);
  if (key.type !== 'service_account') throw new ConfigError(setting, `the Google credentials must be a service-account key, "type": "service_account" (${setting})`);
  if (typeof key.client_email !== 'string' || !key.client_email.includes('@')) throw new ConfigError(setting, `the Google service-account key has no client_email (${setting})`);
  if (typeof key.private_key !== 'string' || !key.private_key.includes('PRIVATE KEY')) throw new ConfigError(setting, `the Google service-account key has no private_key (${setting})`);
  return key as ServiceAccountKey;
}

export interface TokenSource {
  /** A valid access token (cached and refreshed by google-auth-library), or why there is none. */
  (): Promise<string | DeliveryOutcome>;
  /** Forget the cached token (the platform refused it early): the next call fetches a new one. */
  invalidate?(): void;
  /** When the token last handed out was fetched (ms), if known. */
  fetchedAt?(): number | undefined;
}

export interface AuthSettings {
  /** A service-account key; without one, application default credentials are used. */
  credentials?: ServiceAccountKey;
  tokenUrl?: URL;
}

/** A gaxios transporter that sends token requests to `tokenUrl` instead of Google. */
function redirectingTransporter(tokenUrl: URL): gaxios.Gaxios {
  const transporter = new gaxios.Gaxios();
  transporter.interceptors.request.add({
    resolved: async (config) => {
      if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
      return config;
    },
  });
  return transporter;
}

/** The token source's failures as outcomes: a refused key stops and alerts; an unreachable endpoint is retried. */
function authFailure(error: unknown): DeliveryOutcome {
  const e = error as { status?: number; code?: string; response?: { status?: number; data?: { error?: unknown } } };
  const status = e.response?.status ?? e.status;
  const oauth = typeof e.response?.data?.error === 'string' ? e.response.data.error : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    return { kind: 'stop', reason: 'token_invalid', httpStatus: status, message: `OAuth token request refused${oauth ? ` (${oauth})` : ''}: check the service account and its key`, latencyMs: 0 };
  }
  if (status !== undefined && status >= 500) return { kind: 'retry', reason: `http_${status}`, httpStatus: status, message: 'OAuth token endpoint failed', latencyMs: 0 };
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return { kind: 'retry', reason: 'network', message: `OAuth token endpoint: ${e.code}`, latencyMs: 0 };
  return { kind: 'stop', reason: 'token_error', message: 'no Google credentials could be loaded: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file', latencyMs: 0 };
}

export function googleTokenSource(settings: AuthSettings): TokenSource {
  const auth = new GoogleAuth({
    scopes: [DATAMANAGER_SCOPE],
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(settings.tokenUrl ? { clientOptions: { transporter: redirectingTransporter(settings.tokenUrl) } } : {}),
  });
  let last: { token: string; at: number } | undefined;
  let stale = false;
  const source: TokenSource = async () => {
    try {
      const client = await auth.getClient();
      // google-auth-library keeps a cached token until its expiry; an early refusal needs it dropped by hand.
      if (stale && 'credentials' in client && client.credentials) client.credentials.expiry_date = 1;
      stale = false;
      const { token } = await client.getAccessToken();
      if (!token) return authFailure(new Error('empty token'));
      if (token !== last?.token) last = { token, at: Date.now() };
      return token;
    } catch (error) {
      return authFailure(error);
    }
  };
  source.invalidate = () => {
    stale = true;
  };
  source.fetchedAt = () => last?.at;
  return source;
}
