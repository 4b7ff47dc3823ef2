/**
 * `@pixelpair/server/outbox`: durable, deduplicated delivery of server copies, one row per
 * destination, with a worker that keeps each destination's lanes apart.
 *
 * Deliberately internal (used by the worker and the CLI, free to change): the retry policy
 * (settleOutcome, isTooOld and its defaults), the store-spec parser behind openStore, and the
 * state list. The in-memory store for tests is at `@pixelpair/server/testing`.
 */
export { createOutbox } from './outbox.js';
export type { Outbox, OutboxOptions, TrackOptions, TrackResult, TrackManyResult, DestinationEnqueue } from './outbox.js';
export { startWorker } from './worker.js';
export type { OutboxWorker, WorkerDeps, WorkerOptions, WorkerStats, DestinationStats, WorkerRequest, WorkerSettlement, OutboxAlert } from './worker.js';
export { createSqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export { createPostgresStore } from './postgres-store.js';
export type { PostgresStoreOptions, PostgresPool } from './postgres-store.js';
export { openStore } from './open-store.js';
export type { StoreSpec, OpenStoreOptions } from './open-store.js';
export type {
  OutboxStore, OutboxState, OutboxStatus, QueueStatus, LeasedEvent, AttemptEntry, Settlement, NextState,
  EnqueueOptions, LeaseOptions, EventHistory, ReplayOptions, ReplayResult,
} from './store.js';
