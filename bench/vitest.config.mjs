import { defineConfig } from 'vitest/config';
import { reportersFor } from '../scripts/vitest-reporters.mjs';

// The quick bench is one long test (it runs every section with small counts).
export default defineConfig({ test: { include: ['src/**/*.test.mjs'], testTimeout: 180_000, reporters: reportersFor('bench') } });
