/**
 * The SQL drivers are optional peer dependencies: an app that only sends, or uses PostgreSQL,
 * never installs better-sqlite3 (a native build), and one on SQLite never installs pg. Each
 * store loads its driver when it is created, and a missing driver is a configuration error
 * that says what to install.
 */
import { createRequire } from 'node:module';
import { ConfigError } from '../config/config-error.js';

const requireFromHere = createRequire(import.meta.url);

/** Synchronous (the SQLite store opens synchronously); both drivers are CommonJS packages. */
export function loadPeer<T>(name: 'better-sqlite3' | 'pg', store: string): T {
  try {
    return requireFromHere(name) as T;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    // Only "not installed" is a configuration error; a broken install (a native build for another Node) is reported as itself.
    if (e.code !== 'MODULE_NOT_FOUND' || !e.message?.includes(`'${name}'`)) throw error;
    throw new ConfigError('store', `the ${store} store needs the ${name} package: npm install ${name}`);
  }
}
