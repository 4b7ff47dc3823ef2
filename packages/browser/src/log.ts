/**
 * Never throw into the host page; be loud only where someone is listening: with
 * `debug: true` / `data-debug`, or in a development build of the host app
 * (`process.env.NODE_ENV === 'development'`, which app bundlers replace; the script-tag
 * build is a production build).
 */
import { state } from './state.js';

declare const process: { env: Record<string, string | undefined> };
/** Replaced at build time: true in the script-tag file, false in the npm builds. */
declare const __SCRIPT_TAG__: boolean;
/** The script-tag build: no warning texts, only what was caught (the npm builds keep their messages). */
export const TAG = __SCRIPT_TAG__;

function devBuild(): boolean {
  try {
    return process.env.NODE_ENV === 'development';
  } catch {
    return false;
  }
}

export function warn(...args: unknown[]): void {
  try {
    if (state._debug || (!__SCRIPT_TAG__ && devBuild())) console.warn('[pixelpair]', ...args);
  } catch {
    // console itself can be missing or hostile
  }
}

/**
 * Wraps a public entry so nothing it does can throw into the page: an error is warned
 * about and `fallback` (called with the same arguments) answers instead; a fallback that
 * throws too (the page broke what it relies on) answers undefined.
 */
export function safe<A extends unknown[], R>(fn: (...args: A) => R, fallback?: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (e) {
      warn(e);
      try {
        return fallback?.(...args) as R;
      } catch {
        return undefined as R;
      }
    }
  };
}

/** Runs one step on its own: a throw is warned about and costs only this step (undefined). */
export function attempt<R>(fn: () => R): R | undefined {
  try {
    return fn();
  } catch (e) {
    warn(e);
  }
}

/**
 * ISO-8601 now, for capture and decision times. A page that broke Date.prototype.toISOString
 * gets the RFC 7231 form (Date.parse reads it; the server bounds these strings at 40).
 */
export function now(): string {
  const d = new Date();
  try {
    return d.toISOString();
  } catch {
    return attempt(() => d.toUTCString()) || '';
  }
}
