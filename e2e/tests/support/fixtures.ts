/**
 * Test fixtures: one demo (stand-in + payment provider + store, random ports) per worker,
 * a clean record before each test, and every uncaught page error collected so a test can
 * assert that nothing was thrown into the page.
 */
import { test as base, expect } from '@playwright/test';
import { startDemo } from '@pixelpair/demo-store';
import type { Demo } from '@pixelpair/demo-store';
import { createRecords } from './records.js';
import type { Records } from './records.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

interface WorkerFixtures {
  demo: Demo;
  harness: Harness;
}

interface TestFixtures {
  /** What the stand-in recorded, read fresh on each call (cleared before the test). */
  records: Records;
  /** Uncaught errors thrown in any page of the test. */
  pageErrors: Error[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  demo: [
    async ({}, use) => {
      const demo = await startDemo();
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  harness: [
    async ({ demo }, use) => {
      const harness = await startHarness(demo.emulator!.pixelScriptUrl, demo.pixelId);
      await use(harness);
      await harness.close();
    },
    { scope: 'worker' },
  ],
  records: async ({ demo }, use) => {
    // Let the previous test's server copies land before clearing, so none leaks into this one.
    await demo.store.delivery.idle();
    demo.emulator!.reset();
    await use(createRecords(demo));
  },
  pageErrors: [
    async ({ context }, use) => {
      const errors: Error[] = [];
      context.on('weberror', (e) => errors.push(e.error()));
      await use(errors);
    },
    { auto: true },
  ],
});

export { expect };
