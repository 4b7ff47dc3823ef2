/**
 * The values each entry point exports, pinned: adding or removing one is a decision about the
 * public surface (README, semver), so it shows up here and in review rather than by accident.
 * What is deliberately internal is listed in each entry point's header comment.
 */
import { describe, expect, it } from 'vitest';

const entries = {
  '.': () => import('./index.js'),
  './outbox': () => import('./outbox/index.js'),
  './metrics': () => import('./metrics/index.js'),
  './testing': () => import('./testing.js'),
};

const SURFACE: Record<keyof typeof entries, string[]> = {
  '.': [
    'ENVELOPE_LIMITS', 'HANDOFF_LIMITS', 'TIKTOK_API_URL', 'buildRequestBodies', 'createClient', 'createCollectHandler',
    'createTikTok', 'decideConsent', 'googleDestination', 'hashNormalized', 'isConfigError', 'jsonLogger', 'matchStrength',
    'metaDestination', 'normalizePhone', 'parseCookies', 'persistentCookieHeaders', 'prepareEvent', 'readRequestContext',
    'requestBodies', 'shownEventId', 'silentLogger', 'tiktokDestination', 'toCountryCode', 'toNodeHandler',
  ],
  './outbox': ['createOutbox', 'createPostgresStore', 'createSqliteStore', 'openStore', 'startWorker'],
  './metrics': ['createWorkerMetrics', 'startMetricsServer'],
  './testing': ['createMemoryStore'],
};

describe('the public surface', () => {
  for (const [entry, load] of Object.entries(entries) as [keyof typeof entries, () => Promise<object>][]) {
    it(`${entry} exports exactly its documented values`, async () => {
      expect(Object.keys(await load()).sort()).toEqual([...SURFACE[entry]].sort());
    });
  }

  it('the production entry points do not offer the test-only memory store', async () => {
    for (const entry of ['.', './outbox', './metrics'] as const) expect(Object.keys(await entries[entry]()), entry).not.toContain('createMemoryStore');
  });
});
