/**
 * The HTTP layer every destination shares: ONE attempt per `send`, over an undici keep-alive
 * pool per origin, answered as a value. It always settles: undici errors, refused headers,
 * resets and timeouts become an answer with an `error`, and a hard deadline resolves even a
 * request undici never answers, so a delivery attempt can never hang its caller.
 */
import { Pool } from 'undici';

export interface HttpRequest {
  url: URL;
  headers: Record<string, string>;
  /** Default POST. */
  method?: 'POST' | 'GET';
  /** Absent for a GET. */
  body?: string;
}

export type HttpAnswer =
  | { status: number; headers: Record<string, string | string[] | undefined>; text: string; latencyMs: number }
  | { error: 'timeout' | 'network' | 'aborted'; code?: string; latencyMs: number };

export interface HttpSender {
  send(request: HttpRequest, signal?: AbortSignal): Promise<HttpAnswer>;
  close(): Promise<void>;
}

export interface HttpOptions {
  /** Whole-attempt timeout (connect, headers and body). Default 10 s. */
  timeoutMs?: number;
  /** Keep-alive connections per origin. Default 4. */
  connections?: number;
  /** How long an idle keep-alive socket is kept. Default 30 s. */
  keepAliveMs?: number;
  now?: () => number;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** A transport error as an answer: timeout, abort or network (with its code, never its message: it may echo a header). */
export function errorAnswer(error: unknown, latencyMs: number): HttpAnswer {
  const e = error as { name?: string; code?: string; cause?: { code?: string } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  const name = e?.name ?? '';
  if (name === 'TimeoutError' || (code && TIMEOUT_CODES.has(code))) return { error: 'timeout', latencyMs };
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return { error: 'aborted', latencyMs };
  return code ? { error: 'network', code, latencyMs } : { error: 'network', latencyMs };
}

export function createHttpSender(options: HttpOptions = {}): HttpSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string) => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: options.connections ?? 4,
        keepAliveTimeout: options.keepAliveMs ?? 30_000,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        connect: { timeout: Math.min(timeoutMs, 10_000) },
      });
      pools.set(origin, pool);
    }
    return pool;
  };

  async function attempt(request: HttpRequest, signal: AbortSignal, started: number): Promise<HttpAnswer> {
    try {
      const res = await poolFor(request.url.origin).request({
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method ?? 'POST',
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text, latencyMs: now() - started };
    } catch (error) {
      return errorAnswer(error, now() - started);
    }
  }

  return {
    send(request, signal) {
      const started = now();
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      return new Promise<HttpAnswer>((resolve) => {
        // The backstop: whatever undici does with this request, the caller gets an answer.
        const deadline = setTimeout(() => resolve({ error: 'timeout', latencyMs: now() - started }), timeoutMs + 1_000);
        deadline.unref?.();
        attempt(request, combined, started).then((answer) => {
          clearTimeout(deadline);
          // An abort from the caller is not a timeout, even though both cancel the request.
          if ('error' in answer && timeout.aborted && !signal?.aborted) resolve({ error: 'timeout', latencyMs: answer.latencyMs });
          else resolve(answer);
        });
      });
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close().catch(() => undefined)));
      pools.clear();
    },
  };
}

/**
 * One sender (so one set of keep-alive pools) per destination: a destination whose requests
 * hang in an outage holds only its own connections, never another destination's — even when
 * both platforms sit behind the same origin (one proxy, one stand-in).
 */
export function sendersPerDestination(options: HttpOptions = {}) {
  const senders = new Map<string, HttpSender>();
  return {
    for(destination: string): HttpSender {
      let sender = senders.get(destination);
      if (!sender) senders.set(destination, (sender = createHttpSender(options)));
      return sender;
    },
    async close() {
      await Promise.all([...senders.values()].map((s) => s.close()));
      senders.clear();
    },
  };
}
