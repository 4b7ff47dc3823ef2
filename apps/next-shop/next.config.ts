import type { NextConfig } from 'next';

const config: NextConfig = {
  // The server twin runs as plain Node modules (undici, SQLite, …), not bundled: faster builds.
  serverExternalPackages: ['@pixelpair/server'],
  poweredByHeader: false,
};

export default config;
