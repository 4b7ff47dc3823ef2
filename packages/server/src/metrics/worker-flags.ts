/**
 * `pixelpair worker --metrics-port N [--metrics-host 127.0.0.1]`: the worker's metrics on
 * `GET /metrics` and `GET /healthz`. Without `--metrics-port` nothing is loaded or served.
 */
import type { DestinationId } from '@pixelpair/core';
import type { FlagTable } from '../cli/command.js';
import { ConfigError } from '../config/config-error.js';
import type { OutboxStore } from '../outbox/store.js';
import { startMetricsServer } from './metrics-server.js';
import { createWorkerMetrics, type WorkerHooks } from './worker-metrics.js';

export const METRICS_FLAGS = {
  'metrics-port': { type: 'string', value: 'N', description: 'serve Prometheus metrics on GET /metrics and GET /healthz at this port (0 picks a free one); off without it' },
  'metrics-host': { type: 'string', value: 'HOST', default: '127.0.0.1', description: 'the interface for --metrics-port (loopback by default: metrics are for your scraper, not the internet)' },
} satisfies FlagTable;

export interface ServedWorkerMetrics {
  hooks: WorkerHooks;
  url: string;
  close(): Promise<void>;
}

type Flags = Readonly<Record<string, string | boolean | Array<string | boolean> | undefined>>;

export interface MetricsAddress { port: number; host: string }

/** The flags checked before anything starts; undefined without `--metrics-port`. */
export function metricsAddress(values: Flags): MetricsAddress | undefined {
  const port = values['metrics-port'];
  const host = values['metrics-host'];
  if (port === undefined) {
    if (host !== undefined) throw new ConfigError('--metrics-host', '--metrics-host needs --metrics-port');
    return undefined;
  }
  if (typeof port !== 'string' || !/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new ConfigError('--metrics-port', '--metrics-port: expected a port number from 0 to 65535 (0 picks a free one)');
  if (host !== undefined && (typeof host !== 'string' || !/^[\w.:-]{1,253}$/.test(host))) throw new ConfigError('--metrics-host', '--metrics-host: expected a host name or an IP address');
  return { port: Number(port), host: typeof host === 'string' ? host : '127.0.0.1' };
}

/** Undefined without an address (no `--metrics-port`); otherwise the hooks for `startWorker`, already served. */
export async function serveWorkerMetrics(
  address: MetricsAddress | undefined,
  context: { store: Pick<OutboxStore, 'status'>; destinations: ReadonlyArray<{ id: DestinationId; account: string }> },
): Promise<ServedWorkerMetrics | undefined> {
  if (!address) return undefined;
  const metrics = await createWorkerMetrics({ store: context.store, destinations: context.destinations, processMetrics: true });
  const server = await startMetricsServer({ metrics, ...address });
  return { hooks: metrics.hooks, url: server.url, close: server.close };
}
