/**
 * Help for the destination flags and variables that `destinations.ts` reads. The parser's
 * types come from DESTINATION_FLAGS itself, and the mapped type makes a new flag there a
 * compile error here until it has a description.
 */
import type { DestinationId } from '@pixelpair/core';
import type { EnvSpec, FlagSpec } from './command.js';
import { DESTINATION_FLAGS } from './destinations.js';

type Described = Omit<FlagSpec, 'type' | 'multiple' | 'short'>;

const described: { [K in keyof typeof DESTINATION_FLAGS]: Described } = {
  destination: { value: 'LIST', default: 'tiktok', description: 'tiktok, meta or google; several at once comma-separated (tiktok,meta)' },
  'pixel-id': { value: 'ID', default: '$TIKTOK_PIXEL_ID or $META_PIXEL_ID', description: 'the TikTok pixel code or the Meta pixel (dataset) id' },
  'api-url': { value: 'URL', default: "the platform's own, or $TIKTOK_API_URL / $META_API_URL / $GOOGLE_DATAMANAGER_URL", description: 'send to this endpoint instead (a local stand-in)' },
  'test-event-code': { value: 'CODE', default: '$TIKTOK_TEST_EVENT_CODE or $META_TEST_EVENT_CODE', description: 'mark the events as test events (Events Manager → Test Events)' },
  'default-country': { value: 'CC', default: 'none', description: 'ISO 3166-1 alpha-2 country for phone numbers written without +country' },
  'customer-id': { value: 'ID', default: '$GOOGLE_ADS_CUSTOMER_ID', description: 'Google: the Google Ads account that receives the conversions' },
  'conversion-action': { value: 'EVENT=ID', default: '$PIXELPAIR_GOOGLE_CONVERSIONS', description: 'Google: the conversion action id for an event name, e.g. Purchase=123456' },
  'validate-only': { default: 'off, or on with GOOGLE_VALIDATE_ONLY=1', description: 'Google: validate the request without ingesting anything' },
};

/** The destination flags, parser settings and help together. */
export const DESTINATION_FLAG_SPECS = Object.fromEntries(
  Object.entries(DESTINATION_FLAGS).map(([name, parser]) => [name, { ...parser, ...described[name as keyof typeof DESTINATION_FLAGS] } as FlagSpec]),
) as { [K in keyof typeof DESTINATION_FLAGS]: FlagSpec };

type DestinationEnv = EnvSpec & { destination: DestinationId; sending?: true };

/** Every variable destinations.ts reads; `sending` ones only by commands that send (or ask the platform). */
const ENV: DestinationEnv[] = [
  { name: 'TIKTOK_ACCESS_TOKEN', destination: 'tiktok', sending: true, description: 'the Events API access token (tiktok; required to send)' },
  { name: 'TIKTOK_PIXEL_ID', destination: 'tiktok', description: 'default for --pixel-id (tiktok)' },
  { name: 'TIKTOK_API_URL', destination: 'tiktok', description: 'default for --api-url (tiktok)' },
  { name: 'TIKTOK_TEST_EVENT_CODE', destination: 'tiktok', description: 'default for --test-event-code (tiktok)' },
  { name: 'META_ACCESS_TOKEN', destination: 'meta', sending: true, description: 'the Conversions API access token (meta; required to send)' },
  { name: 'META_APP_SECRET', destination: 'meta', sending: true, description: 'adds appsecret_proof to every request (meta; optional)' },
  { name: 'META_PIXEL_ID', destination: 'meta', description: 'default for --pixel-id (meta)' },
  { name: 'META_API_URL', destination: 'meta', description: 'default for --api-url (meta): the full …/{pixel_id}/events endpoint' },
  { name: 'META_TEST_EVENT_CODE', destination: 'meta', description: 'default for --test-event-code (meta)' },
  { name: 'META_API_VERSION', destination: 'meta', description: "Graph API version (meta; default: the one pixelpair is tested against)" },
  { name: 'GOOGLE_APPLICATION_CREDENTIALS', destination: 'google', sending: true, description: 'path of the service-account key file, read once at start (google; required to send)' },
  { name: 'GOOGLE_ADS_CUSTOMER_ID', destination: 'google', description: 'default for --customer-id (google)' },
  { name: 'GOOGLE_ADS_LOGIN_CUSTOMER_ID', destination: 'google', description: 'the manager account acting for it, when there is one (google)' },
  { name: 'PIXELPAIR_GOOGLE_CONVERSIONS', destination: 'google', description: 'default for --conversion-action, as JSON: {"Purchase":"123456"} (google)' },
  { name: 'GOOGLE_DATAMANAGER_URL', destination: 'google', description: 'default for --api-url (google)' },
  { name: 'GOOGLE_VALIDATE_ONLY', destination: 'google', description: '1 = --validate-only (google)' },
  { name: 'PIXELPAIR_GOOGLE_TOKEN_URL', destination: 'google', description: 'where Google token requests go: for a local stand-in only (google)' },
];

/** The variables a destination-aware command reads: no secret for commands that never send. */
export function destinationEnv(options: { send: boolean; only?: DestinationId }): EnvSpec[] {
  return ENV.filter((e) => (options.send || !e.sending) && (!options.only || e.destination === options.only)).map(({ name, description }) => ({ name, description }));
}
