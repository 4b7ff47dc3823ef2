/**
 * The one door for writing a marketing click id on the device (TikTok's ttclid; Meta's
 * `_fbc` and Google's click ids go through it too). In a consent mode, writing one needs
 * *storage* consent (TCF purpose 1, Consent Mode `ad_storage`, manual `adStorage`, which
 * defaults to the adUserData choice): until then the id waits here, in memory (context()
 * still carries it). A grant writes it; while a denial stands nothing is written (a later
 * grant, the visitor changing their mind, writes it then).
 * Writes also wait for the next task: in Chromium each cookie write, and each step of the
 * domain probe, is a synchronous round trip, so they stay off the start-up path; a page
 * that navigates away at once still keeps its click id (flushed on pagehide / hidden).
 */
import { state } from './state.js';
import { writeCookie } from './cookies.js';
import { attempt } from './log.js';

/** Writes waiting for the next task or for storage consent, by cookie name (a newer id replaces an older one). */
const pending: Record<string, () => void> = {};
let timer: unknown;

/**
 * Writes what waits when storage is allowed: granted, or, with no consent source, not denied
 * (a manual consent() denial counts there too). Otherwise it stays in memory only.
 */
export function flushClickIds(): void {
  timer = 0;
  const storage = state._storage;
  if (storage === 'granted' || (!state._hold && storage !== 'denied')) {
    for (const name in pending) {
      pending[name]!();
      delete pending[name];
    }
  }
}

/** Flushes on the next task (at once if timers are broken). */
export function flushSoon(): void {
  timer = timer || attempt(() => setTimeout(flushClickIds)) || flushClickIds();
}

/** Keeps `value` in the first-party cookie `cookieName` for `days`, once storage consent allows. */
export function storeClickId(cookieName: string, value: string, days: number): void {
  pending[cookieName] = () => writeCookie(cookieName, value, days, state._domain);
  flushSoon();
}
