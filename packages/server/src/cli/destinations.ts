/**
 * The one place the CLI turns flags and environment into validated configuration: which
 * destinations (`--destination tiktok,meta`), each destination's settings, and the shared
 * normalisation settings. Everything is checked here, once; the library then validates once
 * at construction. Tokens come only from the environment (TIKTOK_ACCESS_TOKEN,
 * META_ACCESS_TOKEN): a flag would land in shell history and `ps`.
 */
import { readFileSync } from 'node:fs';
import { DESTINATIONS, type DestinationId } from '@pixelpair/core';
import { ConfigError } from '../config/config-error.js';
import type { AnyDestination } from '../destinations/destination.js';
import { googleDestination } from '../destinations/google/google.js';
import { metaDestination } from '../destinations/meta/meta.js';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import type { NormalizeSettings } from '../envelope/normalized-event.js';
import { toCountryCode } from '../normalize/phone.js';

export type Flags = Record<string, string | boolean | (string | boolean)[] | undefined>;
export type Env = Record<string, string | undefined>;

/** The flags every destination-aware command takes. */
export const DESTINATION_FLAGS = {
  destination: { type: 'string' },
  'pixel-id': { type: 'string' },
  'api-url': { type: 'string' },
  'test-event-code': { type: 'string' },
  'default-country': { type: 'string' },
  // Google: the operating account, the conversion action per event name, and its test mode.
  'customer-id': { type: 'string' },
  'conversion-action': { type: 'string', multiple: true },
  'validate-only': { type: 'boolean' },
} as const;

/** Environment variables per destination: secrets only ever come from here. */
const ENV: Record<DestinationId, { pixelId: string; token: string; apiUrl: string; testCode: string }> = {
  tiktok: { pixelId: 'TIKTOK_PIXEL_ID', token: 'TIKTOK_ACCESS_TOKEN', apiUrl: 'TIKTOK_API_URL', testCode: 'TIKTOK_TEST_EVENT_CODE' },
  meta: { pixelId: 'META_PIXEL_ID', token: 'META_ACCESS_TOKEN', apiUrl: 'META_API_URL', testCode: 'META_TEST_EVENT_CODE' },
  google: { pixelId: 'GOOGLE_ADS_CUSTOMER_ID', token: 'GOOGLE_APPLICATION_CREDENTIALS', apiUrl: 'GOOGLE_DATAMANAGER_URL', testCode: 'GOOGLE_VALIDATE_ONLY' },
};

export const tokenVariable = (id: DestinationId) => ENV[id].token;

const text = (flags: Flags, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};

/** `--destination tiktok,meta` → the list, in order; default `tiktok`. */
export function destinationList(flags: Flags, options: { multiple: boolean }): DestinationId[] {
  const raw = text(flags, 'destination') ?? 'tiktok';
  const list = raw.split(',').map((d) => d.trim()).filter(Boolean);
  if (list.length === 0) throw new ConfigError('--destination', '--destination needs a name: tiktok, meta or google');
  for (const d of list) {
    if (!(DESTINATIONS as readonly string[]).includes(d)) throw new ConfigError('--destination', `--destination: unknown destination (use ${DESTINATIONS.join(', ')})`);
  }
  if (new Set(list).size !== list.length) throw new ConfigError('--destination', '--destination lists a destination twice');
  if (!options.multiple && list.length > 1) throw new ConfigError('--destination', 'this command serves one destination at a time');
  if (list.length > 1) for (const flag of ['pixel-id', 'api-url', 'test-event-code'] as const) {
    if (text(flags, flag) !== undefined) throw new ConfigError(`--${flag}`, `--${flag} is ambiguous with several destinations: set ${list.map((d) => ENV[d as DestinationId][flag === 'pixel-id' ? 'pixelId' : flag === 'api-url' ? 'apiUrl' : 'testCode']).join(' / ')} instead`);
  }
  return list as DestinationId[];
}

export function normalizeSettingsFrom(flags: Flags): NormalizeSettings {
  const defaultCountry = text(flags, 'default-country');
  if (defaultCountry !== undefined && !toCountryCode(defaultCountry)) throw new ConfigError('--default-country', '--default-country must be an ISO 3166-1 alpha-2 code such as DE or US');
  return defaultCountry ? { defaultCountry } : {};
}

/**
 * Validated destinations. `send: true` requires each destination's token (send, worker,
 * doctor); `payload` and `enqueue` need none.
 */
export function destinationsFrom(flags: Flags, env: Env, options: { send: boolean; multiple: boolean }): AnyDestination[] {
  return destinationList(flags, options).map((id) => {
    if (id === 'google') return googleFrom(flags, env, options.send);
    const names = ENV[id];
    const pixelId = text(flags, 'pixel-id') ?? env[names.pixelId];
    if (!pixelId?.trim()) throw new ConfigError('--pixel-id', `pixel id missing: pass --pixel-id or set ${names.pixelId}`);
    const token = env[names.token];
    if (options.send && !token?.trim()) throw new ConfigError(names.token, `${names.token} is not set (the token is read from the environment only)`);
    const common = {
      pixelId,
      ...(options.send ? { accessToken: token } : {}),
      ...((text(flags, 'api-url') ?? env[names.apiUrl]) ? { apiUrl: text(flags, 'api-url') ?? env[names.apiUrl] } : {}),
      ...((text(flags, 'test-event-code') ?? env[names.testCode]) ? { testEventCode: text(flags, 'test-event-code') ?? env[names.testCode] } : {}),
    };
    try {
      if (id === 'meta') {
        return metaDestination({
          ...common,
          ...(options.send && env.META_APP_SECRET ? { appSecret: env.META_APP_SECRET } : {}),
          ...(env.META_API_VERSION ? { apiVersion: env.META_API_VERSION } : {}),
        });
      }
      return tiktokDestination(common);
    } catch (error) {
      // The library names its settings in code (`accessToken`); the CLI user knows them as variables and flags.
      if (error instanceof ConfigError) throw new ConfigError(error.setting, error.message.replace(/^pixelpair: /, '').replace(/\(accessToken\)/, `(${names.token})`).replace(/\(pixelId\)/, `(--pixel-id or ${names.pixelId})`).replace(/\(apiUrl\)/, `(--api-url or ${names.apiUrl})`));
      throw error;
    }
  });
}

/** `Purchase=123456` flags, else PIXELPAIR_GOOGLE_CONVERSIONS='{"Purchase":"123456"}'. */
function conversionActions(flags: Flags, env: Env): Record<string, string> {
  const given = flags['conversion-action'];
  const list = Array.isArray(given) ? given : typeof given === 'string' ? [given] : [];
  if (list.length > 0) {
    const out: Record<string, string> = {};
    for (const item of list) {
      const m = /^([A-Za-z][A-Za-z0-9_]*)=(\d{1,20})$/.exec(String(item));
      if (!m) throw new ConfigError('--conversion-action', '--conversion-action must look like Purchase=123456 (event name = conversion action id)');
      out[m[1]!] = m[2]!;
    }
    return out;
  }
  const json = env.PIXELPAIR_GOOGLE_CONVERSIONS;
  if (!json) throw new ConfigError('--conversion-action', 'no Google conversion action: pass --conversion-action Purchase=123456 or set PIXELPAIR_GOOGLE_CONVERSIONS');
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    throw new ConfigError('PIXELPAIR_GOOGLE_CONVERSIONS', 'PIXELPAIR_GOOGLE_CONVERSIONS must be JSON like {"Purchase":"123456"}');
  }
}

/** Google: customer id, conversion actions, and (to send) the service-account key file, read once here. */
function googleFrom(flags: Flags, env: Env, send: boolean): AnyDestination {
  const customerId = text(flags, 'customer-id') ?? env.GOOGLE_ADS_CUSTOMER_ID;
  if (!customerId?.trim()) throw new ConfigError('--customer-id', 'Google Ads customer id missing: pass --customer-id or set GOOGLE_ADS_CUSTOMER_ID');
  let credentials: unknown;
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (send && keyFile) {
    try {
      credentials = JSON.parse(readFileSync(keyFile, 'utf8'));
    } catch {
      // The path is the user's own setting; the file's contents never appear in a message.
      throw new ConfigError('GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_APPLICATION_CREDENTIALS must name a readable service-account key file (JSON)');
    }
  }
  const apiUrl = text(flags, 'api-url') ?? env.GOOGLE_DATAMANAGER_URL;
  const validateOnly = flags['validate-only'] === true || env.GOOGLE_VALIDATE_ONLY === '1';
  return googleDestination({
    customerId,
    conversionActions: conversionActions(flags, env),
    ...(env.GOOGLE_ADS_LOGIN_CUSTOMER_ID ? { loginCustomerId: env.GOOGLE_ADS_LOGIN_CUSTOMER_ID } : {}),
    ...(credentials !== undefined ? { credentials: credentials as never } : {}),
    // Only for a local stand-in: where google-auth-library's token requests go.
    ...(env.PIXELPAIR_GOOGLE_TOKEN_URL ? { tokenUrl: env.PIXELPAIR_GOOGLE_TOKEN_URL } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    ...(validateOnly ? { validateOnly } : {}),
  });
}

/** Every secret the environment holds for any destination, so messages can be redacted against all of them. */
export function secretsIn(env: Env): string[] {
  return [env.TIKTOK_ACCESS_TOKEN, env.META_ACCESS_TOKEN, env.META_APP_SECRET].filter((s): s is string => typeof s === 'string' && s.length >= 4);
}
