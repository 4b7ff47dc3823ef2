/**
 * The whole `POST /v1/events:ingest` body (Data Manager `IngestEventsRequest`), written from
 * the reference contract independently of the server twin, so a mistake there is caught here
 * rather than mirrored. Fast-fail like Google: the first problem rejects the whole request and
 * nothing is ingested.
 */
import { invalidArgument } from '../rpc-error.js';
import type { ConsentValues, DestinationFacts, EventFacts, IngestFacts } from './types.js';
import { validateConsent, validateEvent, type EventOptions } from './validate-event.js';
import { isProblem, type Encoding } from './validate-identifiers.js';
import { boolean, checkFields, enumValue, list, mapping, string, type Json, type Problem } from './values.js';

export const MAX_EVENTS = 2000;
export const MAX_DESTINATIONS = 10;

export type IngestValidation = { ok: true; facts: IngestFacts } | { ok: false; problem: Problem };

const TOP_FIELDS = ['destinations', 'events', 'consent', 'validateOnly', 'encoding', 'encryptionInfo'] as const;
const TOP_HINTS: Record<string, string> = {
  conversions: 'Data Manager uses events (conversions is the Google Ads API body)',
  partialFailure: 'Data Manager has no partial failure: one bad record fails the whole request',
  customerId: 'the account goes in destinations[].operatingAccount.accountId',
  validate_only: 'use the JSON name validateOnly',
  data: 'Data Manager uses events',
};

function checkAccount(value: unknown, path: string): Problem | string {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['accountType', 'accountId'], {
    product: 'product is deprecated; use accountType', customerId: 'use accountId', account_id: 'use the JSON name accountId',
  });
  if (problem) return problem;
  const a = value as Json;
  if (a.accountType == null) return invalidArgument(`${path}.accountType`, 'REQUIRED_FIELD_MISSING', 'required (GOOGLE_ADS)');
  if (a.accountType !== 'GOOGLE_ADS') {
    const p = enumValue(a.accountType, `${path}.accountType`, ['GOOGLE_ADS', 'DISPLAY_VIDEO_PARTNER', 'DISPLAY_VIDEO_ADVERTISER', 'DATA_PARTNER']);
    return p ?? invalidArgument(`${path}.accountType`, 'INVALID_ARGUMENT', 'the stand-in models Google Ads accounts only (GOOGLE_ADS)');
  }
  if (a.accountId == null || a.accountId === '') return invalidArgument(`${path}.accountId`, 'REQUIRED_FIELD_MISSING', 'required (the 10-digit Google Ads customer id)');
  if (typeof a.accountId !== 'string') return invalidArgument(`${path}.accountId`, 'INVALID_ARGUMENT', 'expected a string of 10 digits');
  if (/^\d{3}-\d{3}-\d{4}$/.test(a.accountId)) return invalidArgument(`${path}.accountId`, 'INVALID_FORMAT', 'write the customer id without dashes (1234567890, not 123-456-7890)');
  if (!/^\d{10}$/.test(a.accountId)) return invalidArgument(`${path}.accountId`, 'INVALID_FORMAT', 'expected the 10-digit Google Ads customer id, digits only');
  return a.accountId;
}

function checkDestination(value: unknown, path: string): Problem | DestinationFacts {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['reference', 'loginAccount', 'linkedAccount', 'operatingAccount', 'productDestinationId'], {
    conversionAction: 'Data Manager uses productDestinationId (the conversion action id)', conversionActionId: 'Data Manager uses productDestinationId',
  });
  if (problem) return problem;
  const d = value as Json;
  if (d.reference != null) { const p = string(d.reference, `${path}.reference`); if (p) return p; }
  if (d.operatingAccount == null) return invalidArgument(`${path}.operatingAccount`, 'REQUIRED_FIELD_MISSING', 'required (the Google Ads account that owns the conversion action)');
  const operating = checkAccount(d.operatingAccount, `${path}.operatingAccount`);
  if (typeof operating !== 'string') return operating;
  let login: string | null = null;
  if (d.loginAccount != null) {
    const l = checkAccount(d.loginAccount, `${path}.loginAccount`);
    if (typeof l !== 'string') return l;
    login = l;
  }
  if (d.linkedAccount != null) { const l = checkAccount(d.linkedAccount, `${path}.linkedAccount`); if (typeof l !== 'string') return l; }
  const id = d.productDestinationId;
  const idPath = `${path}.productDestinationId`;
  if (id == null || id === '') return invalidArgument(idPath, 'REQUIRED_FIELD_MISSING', 'required (the conversion action id)');
  if (typeof id !== 'string') return invalidArgument(idPath, 'INVALID_ARGUMENT', 'expected a string of digits');
  if (!/^\d{1,19}$/.test(id)) {
    const hint = id.startsWith('AW-') ? '; AW-…/label is the tag\'s send_to, not the conversion action id' : id.includes('conversionActions/') ? '; send the id alone, not the resource name' : '';
    return invalidArgument(idPath, 'INVALID_CONVERSION_ACTION_ID', `expected the numeric conversion action id${hint}`);
  }
  return { raw: d, reference: typeof d.reference === 'string' && d.reference ? d.reference : null, operatingAccount: operating, loginAccount: login, conversionAction: id };
}

export function validateIngestRequest(body: unknown, options: EventOptions): IngestValidation {
  const fail = (problem: Problem): IngestValidation => ({ ok: false, problem });
  if (mapping(body, 'body')) return fail(invalidArgument('body', 'INVALID_ARGUMENT', 'Invalid JSON payload: expected a JSON object'));
  const b = body as Json;
  const fieldProblem = checkFields(b, '', TOP_FIELDS, TOP_HINTS);
  if (fieldProblem) return fail(fieldProblem);
  if (b.encryptionInfo != null) return fail(invalidArgument('encryptionInfo', 'INVALID_ARGUMENT', 'the stand-in does not model encrypted identifiers; send hashes without encryptionInfo'));

  let validateOnly = false;
  if (b.validateOnly != null) {
    const p = boolean(b.validateOnly, 'validateOnly');
    if (p) return fail(p);
    validateOnly = b.validateOnly as boolean;
  }
  let encoding: Encoding | null = null;
  if (b.encoding != null) {
    const p = enumValue(b.encoding, 'encoding', ['HEX', 'BASE64']);
    if (p) return fail(p);
    encoding = b.encoding as Encoding;
  }
  let consent: ConsentValues = { adUserData: null, adPersonalization: null };
  if (b.consent != null) {
    const c = validateConsent(b.consent, 'consent');
    if (isProblem(c)) return fail(c);
    consent = c;
  }

  if (b.destinations == null) return fail(invalidArgument('destinations', 'REQUIRED_FIELD_MISSING', 'required: at least one destination'));
  const dp = list(b.destinations, 'destinations');
  if (dp) return fail(dp);
  const rawDestinations = b.destinations as unknown[];
  if (rawDestinations.length === 0) return fail(invalidArgument('destinations', 'REQUIRED_FIELD_MISSING', 'required: at least one destination'));
  if (rawDestinations.length > MAX_DESTINATIONS) return fail(invalidArgument('destinations', 'TOO_MANY_DESTINATIONS', `at most ${MAX_DESTINATIONS} destinations per request; got ${rawDestinations.length}`));
  const destinations: DestinationFacts[] = [];
  const references = new Map<string, number>();
  for (let i = 0; i < rawDestinations.length; i++) {
    const d = checkDestination(rawDestinations[i], `destinations[${i}]`);
    if (isProblem(d)) return fail(d);
    if (d.reference !== null) {
      if (references.has(d.reference)) return fail(invalidArgument(`destinations[${i}].reference`, 'DUPLICATE_DESTINATION_REFERENCE', 'two destinations have the same reference'));
      references.set(d.reference, i);
    }
    destinations.push(d);
  }

  if (b.events == null) return fail(invalidArgument('events', 'REQUIRED_FIELD_MISSING', 'required: at least one event'));
  const ep = list(b.events, 'events');
  if (ep) return fail(ep);
  const rawEvents = b.events as unknown[];
  if (rawEvents.length === 0) return fail(invalidArgument('events', 'REQUIRED_FIELD_MISSING', 'required: at least one event'));
  if (rawEvents.length > MAX_EVENTS) return fail(invalidArgument('events', 'TOO_MANY_EVENTS', `at most ${MAX_EVENTS} events per request; got ${rawEvents.length}`));
  const ctx = { encoding, references, destinationCount: destinations.length };
  const events: EventFacts[] = [];
  for (let i = 0; i < rawEvents.length; i++) {
    const e = validateEvent(rawEvents[i], `events[${i}]`, ctx, options);
    if (isProblem(e)) return fail(e);
    events.push(e);
  }
  return { ok: true, facts: { destinations, events, validateOnly, encoding, consent } };
}
