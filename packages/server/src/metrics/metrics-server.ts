/**
 * A tiny HTTP server for a worker's metrics: `GET /metrics` (Prometheus text format) and
 * `GET /healthz` (the process is up and answering). Loopback by default: metrics name the
 * pixel ids and customer ids a worker sends for, which is nobody else's business.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config/config-error.js';
import type { WorkerMetrics } from './worker-metrics.js';

export interface MetricsServerOptions {
  metrics: Pick<WorkerMetrics, 'metrics' | 'contentType'>;
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface MetricsServer {
  /** `http://host:port/metrics`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startMetricsServer({ metrics, port, host = '127.0.0.1' }: MetricsServerOptions): Promise<MetricsServer> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('metricsPort', 'the metrics port must be a whole number from 0 to 65535');
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' && path !== '/healthz') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /metrics or /healthz\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
      return;
    }
    metrics.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(req.method === 'HEAD' ? undefined : text),
      // No details: a store error can name a host or a user.
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics collection failed\n'),
    );
  });
  // Longer than any scrape interval: a scraper's reused connection is never closed under it
  // (Node's 5 s default races a scrape that arrives just as the idle timer fires).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConfigError('--metrics-port', error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use` : `cannot serve metrics on ${host}:${port} (${error.code ?? error.message})`)));
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${bound}/metrics`,
    port: bound,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // a scraper's keep-alive connection must not hold shutdown
    }),
  };
}
