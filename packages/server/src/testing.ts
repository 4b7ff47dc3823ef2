/**
 * `@pixelpair/server/testing`: helpers for your own tests, kept off the production entry points.
 * `createMemoryStore()` is an outbox store with the SQL stores' semantics (dedup, leases,
 * settlements, replay) that lives in memory: nothing survives the process, so never deploy it.
 */
export { createMemoryStore } from './outbox/memory-store.js';
