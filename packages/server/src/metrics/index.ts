/**
 * `@pixelpair/server/metrics`: Prometheus metrics for the outbox worker. prom-client is loaded
 * by `createWorkerMetrics`, only when it is called: an app without metrics never loads it.
 */
export { createWorkerMetrics } from './worker-metrics.js';
export type { WorkerMetrics, WorkerMetricsOptions, WorkerHooks } from './worker-metrics.js';
export { startMetricsServer } from './metrics-server.js';
export type { MetricsServer, MetricsServerOptions } from './metrics-server.js';
export type { QueueSamplerOptions } from './queue-sampler.js';
