/**
 * The captured context (core's CapturedContext): what the browser saw, read fresh at each
 * call so a `_ttp` set by the Pixel after load or a later consent decision is included.
 * identify() data is never part of it.
 */
import { TTP_COOKIE, type CapturedContext } from '@pixelpair/core';
import { state } from './state.js';
import { now, safe } from './log.js';
import { readCookie } from './cookies.js';
import { currentTtclid } from './ttclid.js';

const bare = (): CapturedContext => ({ page: {}, consent: { ...state._consent }, capturedAt: now() });

export const context: () => CapturedContext = /* @__PURE__ */ safe(() => {
  const ctx = bare();
  ctx.ttclid = currentTtclid();
  ctx.ttp = readCookie(TTP_COOKIE);
  ctx.userAgent = navigator.userAgent;
  ctx.page = { url: location.href, referrer: state._referrer ?? (document.referrer || undefined) };
  return ctx;
}, bare);
