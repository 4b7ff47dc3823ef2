/**
 * The `fbq` stub served at `/meta/fbevents.js` in place of Meta's `fbevents.js`. It takes over
 * the `fbq` queue the base code built (replaying queued calls in order, then answering through
 * `fbq.callMethod`) and reports every call with its `eventID` to the stand-in's
 * `/meta/collect`. Where tests need it, it behaves like Meta's pixel: `consent` revoke pauses
 * fires and grant releases them, `dataProcessingOptions`, a first-party `_fbp`. It never sets
 * `_fbc`, so a test proves pixelpair's own `_fbc`. Plain ES5; it never throws into the page.
 */
import { FBQ_STUB_SOURCE } from './fbq-stub-source.js';

export function metaPixelScript(collectUrl: string): string {
  return `/*! pixelpair emulator: Meta pixel stub (not Meta's code) */\n(${FBQ_STUB_SOURCE})(window, document, ${JSON.stringify(collectUrl)});\n`;
}
