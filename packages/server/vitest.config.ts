import { defineConfig } from 'vitest/config';
import { reportersFor } from '../../scripts/vitest-reporters.mjs';

// testTimeout: the machine is shared (2 cores, several suites at once); tests stay fast alone.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 20_000, reporters: reportersFor('server') } });
