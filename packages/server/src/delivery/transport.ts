/**
 * createTransport: ONE HTTP attempt per `post`, over an undici keep-alive pool, answered as
 * a classified DeliveryOutcome. Delivery failures are values, never exceptions; only a
 * misconfiguration throws, and no message ever includes the access token.
 */
import { Pool } from 'undici';
import type { Classification, DeliveryOutcome, TikTokRequestBody, Transport } from '../types.js';
import { classifyResponse } from './classify.js';

export const DEFAULT_API_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';

export interface TransportConfig {
  /** Default `process.env.TIKTOK_API_URL`, then TikTok's v1.3 event/track URL. */
  apiUrl?: string;
  accessToken: string;
  /** Whole-attempt timeout (connect, headers and body). Default 10 s. */
  timeoutMs?: number;
  /** Keep-alive connections in the pool. Default 4. */
  connections?: number;
  /** How long an idle keep-alive socket is kept. Default 30 s. */
  keepAliveMs?: number;
  /** Injected clock (ms) for latency and Retry-After dates. */
  now?: () => number;
}

export function resolveApiUrl(apiUrl?: string): URL {
  const raw = apiUrl ?? process.env.TIKTOK_API_URL ?? DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`pixelpair: the TikTok API URL is not a valid URL (set apiUrl or TIKTOK_API_URL)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('pixelpair: the TikTok API URL must be http(s)');
  return url;
}

export function assertAccessToken(token: unknown): asserts token is string {
  if (typeof token !== 'string' || !token.trim()) {
    throw new Error('pixelpair: the TikTok access token is missing (set TIKTOK_ACCESS_TOKEN, or pass accessToken)');
  }
  if (/[\r\n\0]/.test(token)) throw new Error('pixelpair: the TikTok access token contains control characters');
}

export function toOutcome(c: Classification, latencyMs: number): DeliveryOutcome {
  const detail = {
    ...(c.code !== undefined ? { code: c.code } : {}),
    ...(c.message !== undefined ? { message: c.message } : {}),
    ...(c.requestId !== undefined ? { requestId: c.requestId } : {}),
  };
  if (c.decision === 'delivered') return { ok: true, code: c.code ?? 0, ...detail, latencyMs };
  return {
    ok: false,
    reason: c.reason,
    retryable: c.decision === 'retry',
    stop: c.decision === 'stop',
    ...detail,
    ...(c.httpStatus !== undefined ? { httpStatus: c.httpStatus } : {}),
    ...(c.retryAfterMs !== undefined ? { retryAfterMs: c.retryAfterMs } : {}),
    latencyMs,
  };
}

export function createTransport(config: TransportConfig): Transport {
  assertAccessToken(config.accessToken);
  const url = resolveApiUrl(config.apiUrl);
  const timeoutMs = config.timeoutMs ?? 10_000;
  const now = config.now ?? Date.now;
  const pool = new Pool(url.origin, {
    connections: config.connections ?? 4,
    keepAliveTimeout: config.keepAliveMs ?? 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: Math.min(timeoutMs, 10_000) },
  });
  const headers = { 'content-type': 'application/json', 'access-token': config.accessToken, accept: 'application/json' };
  const path = `${url.pathname}${url.search}`;

  async function post(body: TikTokRequestBody, signal?: AbortSignal): Promise<DeliveryOutcome> {
    const started = now();
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const res = await pool.request({
        path,
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await res.body.text();
      return toOutcome(classifyResponse({ httpStatus: res.statusCode, body: text, headers: res.headers }, now()), now() - started);
    } catch (error) {
      const reason = timeout.aborted && !signal?.aborted ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : error;
      return toOutcome(classifyResponse({ error: reason }, now()), now() - started);
    }
  }

  return {
    post,
    async close() {
      await pool.close();
    },
  };
}
