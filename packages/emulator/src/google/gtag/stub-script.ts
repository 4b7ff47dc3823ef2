/**
 * The gtag stub served at `/google/gtag.js` (and at Google's own path `/gtag/js`) in place of
 * Google's gtag.js. It keeps the dataLayer semantics (it runs queued and later `arguments`
 * objects the page's `gtag()` pushes), follows consent mode (defaults, region defaults,
 * updates, wait_for_update), and reports every call to the stand-in's `/google/collect`.
 * Plain ES5 so it runs in any browser; identity values never leave the page.
 */
import { GTAG_STUB_SOURCE } from './stub-source.js';

export interface GtagScriptOptions {
  /** The visitor's region for region-specific consent defaults (`ES`, `US-CA`); none by default. */
  region?: string;
  /** The dataLayer name (gtag.js's `l=` parameter); default `dataLayer`. */
  dataLayer?: string;
}

export function gtagScript(collectUrl: string, options: GtagScriptOptions = {}): string {
  const region = options.region && /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(options.region) ? options.region : '';
  const dataLayer = options.dataLayer && /^[A-Za-z_$][\w$]{0,63}$/.test(options.dataLayer) ? options.dataLayer : 'dataLayer';
  return `/*! pixelpair emulator: Google tag stub (not Google's code) */\n(${GTAG_STUB_SOURCE})(window, document, ${JSON.stringify(collectUrl)}, ${JSON.stringify(region)}, ${JSON.stringify(dataLayer)});\n`;
}
