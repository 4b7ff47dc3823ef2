import { defineConfig } from 'vitest/config';
import { reportersFor } from '../../scripts/vitest-reporters.mjs';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
    // injected pixel scripts are not fetched in unit tests; count them as loaded instead of logging errors
    environmentOptions: { happyDOM: { settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true } } },
    reporters: reportersFor('browser'),
  },
});
