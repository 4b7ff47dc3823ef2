/**
 * `@pixelpair/server/outbox`: durable, deduplicated delivery of server copies, one row per
 * destination, with a worker that keeps each destination's lanes apart.
 */
export { createOutbox } from './outbox.js';
export type { Outbox, OutboxOptions, TrackOptions, TrackResult, TrackManyResult, DestinationEnqueue } from './outbox.js';
export { startWorker } from './worker.js';
export type { OutboxWorker, WorkerDeps, WorkerOptions, WorkerStats, DestinationStats, WorkerRequest, WorkerSettlement, OutboxAlert } from './worker.js';
export { createSqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export { createPostgresStore } from './postgres-store.js';
export type { PostgresStoreOptions, PostgresPool } from './postgres-store.js';
export { openStore, parseStoreSpec, DEFAULT_STORE } from './open-store.js';
export type { StoreSpec, OpenStoreOptions } from './open-store.js';
export { settleOutcome, isTooOld, DEFAULT_MAX_EVENT_AGE_SEC, DEFAULT_STOP_ALERT_WINDOW_MS } from './policy.js';
export type { RetryPolicy } from './policy.js';
export { OUTBOX_STATES } from './store.js';
export type {
  OutboxStore, OutboxState, OutboxStatus, QueueStatus, LeasedEvent, AttemptEntry, Settlement, NextState,
  EnqueueOptions, LeaseOptions, EventHistory, ReplayOptions, ReplayResult,
} from './store.js';
