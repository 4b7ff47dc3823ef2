/**
 * One `events[i]` of an `events:ingest` body (Data Manager `Event`): the fields, their JSON
 * types and Google's rules for them. Returns the first problem, or the facts the records keep.
 */
import { isIP } from 'node:net';
import { invalidArgument } from '../rpc-error.js';
import { isIsoCurrency } from './currencies.js';
import { CONSENT_STATUSES, type ConsentValues, type EventFacts } from './types.js';
import { isProblem, validateUserData, type Encoding, type IdentifierKinds } from './validate-identifiers.js';
import { checkFields, enumValue, integer, isObject, list, mapping, number, present, string, timestamp, type Json, type Problem } from './values.js';

export const EVENT_SOURCES = ['WEB', 'APP', 'IN_STORE', 'PHONE', 'OTHER'] as const;

const EVENT_FIELDS = [
  'destinationReferences', 'transactionId', 'eventTimestamp', 'lastUpdatedTimestamp', 'userData', 'consent', 'adIdentifiers',
  'currency', 'conversionValue', 'eventSource', 'eventDeviceInfo', 'cartData', 'customVariables', 'experimentalFields', 'userProperties',
] as const;

/** Field names from the Google Ads API, the Google tag or other platforms, and where they belong here. */
const EVENT_HINTS: Record<string, string> = {
  orderId: 'Data Manager uses transactionId', order_id: 'Data Manager uses transactionId', transaction_id: 'use the JSON name transactionId',
  conversionDateTime: 'Data Manager uses eventTimestamp (RFC 3339)', eventTime: 'Data Manager uses eventTimestamp (RFC 3339)',
  conversionAction: 'the conversion action is destinations[].productDestinationId', value: 'Data Manager uses conversionValue',
  currencyCode: 'Data Manager uses currency', userIdentifiers: 'user identifiers belong in userData.userIdentifiers',
  gclid: 'click ids belong in adIdentifiers.gclid', gbraid: 'click ids belong in adIdentifiers.gbraid', wbraid: 'click ids belong in adIdentifiers.wbraid',
  userAgent: 'the user agent belongs in eventDeviceInfo.userAgent', ipAddress: 'the IP address belongs in eventDeviceInfo.ipAddress',
  userIpAddress: 'the IP address belongs in eventDeviceInfo.ipAddress', eventName: 'Data Manager events have no name: the conversion action is the identity',
  eventId: 'Data Manager uses transactionId', adUserData: 'consent belongs in consent.adUserData',
  validateOnly: 'validateOnly belongs at the top level of the request', encoding: 'encoding belongs at the top level of the request',
};

export interface EventOptions {
  /** Multi-source conversions need a transactionId (default true). */
  requireTransactionId: boolean;
  /** Refuse events with neither user identifiers nor click ids (NO_IDENTIFIERS_PROVIDED; default true). */
  requireIdentifiers: boolean;
}

export interface EventContext {
  encoding: Encoding | null;
  /** Destination reference → index, for destinationReferences. */
  references: ReadonlyMap<string, number>;
  destinationCount: number;
}

export function validateConsent(value: unknown, path: string): Problem | ConsentValues {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['adUserData', 'adPersonalization'], {
    ad_user_data: 'use the JSON name adUserData with CONSENT_GRANTED or CONSENT_DENIED',
    ad_personalization: 'use the JSON name adPersonalization with CONSENT_GRANTED or CONSENT_DENIED',
  });
  if (problem) return problem;
  const c = value as Json;
  const out: ConsentValues = { adUserData: null, adPersonalization: null };
  for (const key of ['adUserData', 'adPersonalization'] as const) {
    if (c[key] === undefined || c[key] === null) continue;
    const p = enumValue(c[key], `${path}.${key}`, CONSENT_STATUSES);
    if (p) return p;
    out[key] = c[key] as ConsentValues[typeof key];
  }
  return out;
}

function checkDeviceInfo(value: unknown, path: string): Problem | undefined {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['userAgent', 'ipAddress'], { ip: 'use ipAddress', user_agent: 'use the JSON name userAgent' });
  if (problem) return problem;
  const d = value as Json;
  if (present(d.userAgent)) { const p = string(d.userAgent, `${path}.userAgent`); if (p) return p; }
  if (present(d.ipAddress)) {
    const p = string(d.ipAddress, `${path}.ipAddress`);
    if (p) return p;
    if (isIP(d.ipAddress as string) === 0) return invalidArgument(`${path}.ipAddress`, 'INVALID_FORMAT', 'expected an IPv4 or IPv6 address');
  }
  return undefined;
}

function checkAdIdentifiers(value: unknown, path: string): Problem | undefined {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['sessionAttributes', 'gclid', 'gbraid', 'wbraid', 'landingPageDeviceInfo']);
  if (problem) return problem;
  const a = value as Json;
  for (const key of ['sessionAttributes', 'gclid', 'gbraid', 'wbraid']) {
    if (a[key] === undefined || a[key] === null) continue;
    const p = string(a[key], `${path}.${key}`);
    if (p) return p;
    if (/\s/.test(a[key] as string)) return invalidArgument(`${path}.${key}`, 'INVALID_FORMAT', 'click ids contain no whitespace (send the value from the landing URL as is)');
  }
  if (present(a.gbraid) && present(a.wbraid)) return invalidArgument(`${path}.wbraid`, 'INVALID_ARGUMENT', 'send at most one of gbraid and wbraid');
  if (a.landingPageDeviceInfo != null) return checkDeviceInfo(a.landingPageDeviceInfo, `${path}.landingPageDeviceInfo`);
  return undefined;
}

function checkCartData(value: unknown, path: string): Problem | undefined {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, ['merchantId', 'merchantFeedLabel', 'merchantFeedLanguageCode', 'transactionDiscount', 'items'], {
    contents: 'Data Manager uses items', products: 'Data Manager uses items',
  });
  if (problem) return problem;
  const c = value as Json;
  for (const key of ['merchantId', 'merchantFeedLabel', 'merchantFeedLanguageCode']) {
    if (c[key] != null) { const p = string(c[key], `${path}.${key}`); if (p) return p; }
  }
  if (c.transactionDiscount != null) { const p = number(c.transactionDiscount, `${path}.transactionDiscount`); if (p) return p; }
  if (c.items == null) return undefined;
  const p = list(c.items, `${path}.items`);
  if (p) return p;
  const items = c.items as unknown[];
  for (let i = 0; i < items.length; i++) {
    const itemPath = `${path}.items[${i}]`;
    const ip = mapping(items[i], itemPath) ?? checkFields(items[i] as Json, itemPath, ['merchantProductId', 'quantity', 'unitPrice'], {
      id: 'Data Manager uses merchantProductId', item_id: 'Data Manager uses merchantProductId', price: 'Data Manager uses unitPrice', item_price: 'Data Manager uses unitPrice',
    });
    if (ip) return ip;
    const item = items[i] as Json;
    const fp = (item.merchantProductId != null ? string(item.merchantProductId, `${itemPath}.merchantProductId`) : undefined)
      ?? (item.quantity != null ? integer(item.quantity, `${itemPath}.quantity`) : undefined)
      ?? (item.unitPrice != null ? number(item.unitPrice, `${itemPath}.unitPrice`) : undefined);
    if (fp) return fp;
  }
  return undefined;
}

function checkPairs(value: unknown, path: string, keys: readonly [string, string, ...string[]]): Problem | undefined {
  const p = list(value, path);
  if (p) return p;
  const items = value as unknown[];
  for (let i = 0; i < items.length; i++) {
    const itemPath = `${path}[${i}]`;
    const ip = mapping(items[i], itemPath) ?? checkFields(items[i] as Json, itemPath, keys);
    if (ip) return ip;
    const item = items[i] as Json;
    for (const key of keys.slice(0, 2)) if (item[key] != null) { const sp = string(item[key], `${itemPath}.${key}`); if (sp) return sp; }
  }
  return undefined;
}

export function validateEvent(value: unknown, path: string, ctx: EventContext, options: EventOptions): Problem | EventFacts {
  const problem = mapping(value, path) ?? checkFields(value as Json, path, EVENT_FIELDS, EVENT_HINTS);
  if (problem) return problem;
  const e = value as Json;

  let transactionId: string | null = null;
  if (present(e.transactionId)) {
    const p = string(e.transactionId, `${path}.transactionId`);
    if (p) return p;
    transactionId = e.transactionId as string;
    if (transactionId.trim() !== transactionId) return invalidArgument(`${path}.transactionId`, 'INVALID_FORMAT', 'leading or trailing whitespace; the tag\'s transaction_id must be the byte-identical string');
  } else if (options.requireTransactionId) {
    return invalidArgument(`${path}.transactionId`, 'REQUIRED_FIELD_MISSING', 'required for conversions with multiple data sources (it must equal the Google tag\'s transaction_id)');
  }

  if (e.eventTimestamp === undefined || e.eventTimestamp === null || e.eventTimestamp === '') {
    return invalidArgument(`${path}.eventTimestamp`, 'REQUIRED_FIELD_MISSING', 'required (RFC 3339, such as 2026-08-16T19:35:00Z)');
  }
  const eventTime = timestamp(e.eventTimestamp, `${path}.eventTimestamp`);
  if (typeof eventTime !== 'number') return eventTime;
  if (e.lastUpdatedTimestamp != null) {
    const t = timestamp(e.lastUpdatedTimestamp, `${path}.lastUpdatedTimestamp`);
    if (typeof t !== 'number') return t;
  }

  let destinations = Array.from({ length: ctx.destinationCount }, (_v, i) => i);
  if (e.destinationReferences != null) {
    const p = list(e.destinationReferences, `${path}.destinationReferences`);
    if (p) return p;
    const refs = e.destinationReferences as unknown[];
    if (refs.length > 0) {
      destinations = [];
      for (let i = 0; i < refs.length; i++) {
        const index = typeof refs[i] === 'string' ? ctx.references.get(refs[i] as string) : undefined;
        if (index === undefined) return invalidArgument(`${path}.destinationReferences[${i}]`, 'INVALID_DESTINATION', 'names no destinations[].reference of this request');
        if (!destinations.includes(index)) destinations.push(index);
      }
    }
  }

  let identifiers: IdentifierKinds = { email: false, phone: false, address: false };
  if (e.userData != null) {
    if (!ctx.encoding) return invalidArgument('encoding', 'REQUIRED_FIELD_MISSING', 'required when any event has userData (HEX or BASE64)');
    const kinds = validateUserData(e.userData, `${path}.userData`, ctx.encoding);
    if (isProblem(kinds)) return kinds;
    identifiers = kinds;
  }

  let consent: ConsentValues = { adUserData: null, adPersonalization: null };
  if (e.consent != null) {
    const c = validateConsent(e.consent, `${path}.consent`);
    if (isProblem(c)) return c;
    consent = c;
  }

  const ad = e.adIdentifiers;
  if (ad != null) { const p = checkAdIdentifiers(ad, `${path}.adIdentifiers`); if (p) return p; }
  const adIds = isObject(ad) ? ad : {};

  let currency: string | null = null;
  if (present(e.currency)) {
    const p = string(e.currency, `${path}.currency`);
    if (p) return p;
    if (!isIsoCurrency(e.currency as string)) return invalidArgument(`${path}.currency`, 'INVALID_CURRENCY_CODE', 'expected an upper-case ISO 4217 code such as EUR');
    currency = e.currency as string;
  }
  if (e.conversionValue != null) {
    const p = number(e.conversionValue, `${path}.conversionValue`);
    if (p) return p;
    if ((e.conversionValue as number) < 0) return invalidArgument(`${path}.conversionValue`, 'INVALID_ARGUMENT', 'a conversion value cannot be negative');
  }
  if (e.eventSource != null) { const p = enumValue(e.eventSource, `${path}.eventSource`, EVENT_SOURCES); if (p) return p; }
  if (e.eventDeviceInfo != null) { const p = checkDeviceInfo(e.eventDeviceInfo, `${path}.eventDeviceInfo`); if (p) return p; }
  if (e.cartData != null) { const p = checkCartData(e.cartData, `${path}.cartData`); if (p) return p; }
  if (e.customVariables != null) { const p = checkPairs(e.customVariables, `${path}.customVariables`, ['variable', 'value', 'destinationReferences']); if (p) return p; }
  if (e.experimentalFields != null) { const p = checkPairs(e.experimentalFields, `${path}.experimentalFields`, ['field', 'value']); if (p) return p; }
  if (e.userProperties != null) {
    const p = mapping(e.userProperties, `${path}.userProperties`) ?? checkFields(e.userProperties as Json, `${path}.userProperties`, ['customerType', 'customerValueBucket']);
    if (p) return p;
  }

  const hasClickId = present(adIds.gclid) || present(adIds.gbraid) || present(adIds.wbraid);
  if (options.requireIdentifiers && !hasClickId && !identifiers.email && !identifiers.phone && !identifiers.address) {
    return invalidArgument(path, 'NO_IDENTIFIERS_PROVIDED', 'the event has neither user identifiers nor a click id (gclid, gbraid or wbraid)');
  }
  const device = isObject(e.eventDeviceInfo) ? e.eventDeviceInfo : {};
  return {
    raw: e, transactionId, eventTimestamp: e.eventTimestamp as string, eventTime, destinations, identifiers,
    gclid: present(adIds.gclid) ? (adIds.gclid as string) : null, gbraid: present(adIds.gbraid), wbraid: present(adIds.wbraid),
    consent, ipAddress: present(device.ipAddress), userAgent: present(device.userAgent),
    conversionValue: typeof e.conversionValue === 'number' ? e.conversionValue : null, currency,
    eventSource: typeof e.eventSource === 'string' ? e.eventSource : null,
  };
}
