import { defineConfig } from 'vitest/config';
import { reportersFor } from '../../scripts/vitest-reporters.mjs';

export default defineConfig({
  // the npm builds' value (rollup.config.mjs): warnings follow debug and the host's NODE_ENV
  define: { __SCRIPT_TAG__: 'false' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'happy-dom',
    // injected pixel scripts are not fetched in unit tests; count them as loaded instead of logging errors
    environmentOptions: { happyDOM: { settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true } } },
    reporters: reportersFor('browser'),
  },
});
