import { defineConfig } from 'vitest/config';
import { reportersFor } from '../../scripts/vitest-reporters.mjs';

export default defineConfig({ test: { include: ['src/**/*.test.ts'], reporters: reportersFor('express-backend') } });
