/**
 * @pixelpair/browser: the browser twin. Named, tree-shakable exports; the script-tag
 * build (`pixelpair.min.js`) exposes the same functions on `window.pixelpair`.
 */
export { init } from './init.js';
export type { InitOptions, ConsentSource } from './init.js';
export { track, identify } from './track.js';
export type { TrackOptions, IdentifyInput } from './track.js';
export { page } from './page.js';
export { consent } from './consent.js';
export type { ConsentInput } from './consent.js';
export { context } from './context.js';
export { withContext, addContextFields, beacon } from './handoff.js';
export type { BeaconInput } from './handoff.js';
export { listenTcf } from './tcf.js';
export { listenConsentMode } from './consent-mode.js';
export { orderEventId, cartEventId, leadEventId, eventId } from './event-ids.js';
export type { CapturedContext, ConsentState, ConsentValue, Handoff } from '@pixelpair/core';
export { metaPixel, DEFAULT_META_PIXEL_SRC } from './platforms/meta.js';
export type { MetaPixelOptions } from './platforms/meta.js';
export type { Platform } from './platforms/platform.js';
export { googleTag, DEFAULT_GOOGLE_TAG_SRC } from './platforms/google.js';
export type { GoogleTagOptions } from './platforms/google.js';
