import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS, validateIngestRequest } from './validate-ingest.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const strict = { requireTransactionId: true, requireIdentifiers: true };

function validBody(): Record<string, any> {
  return {
    destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: '1234567890' }, productDestinationId: '987654321' }],
    encoding: 'HEX',
    consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' },
    events: [{
      transactionId: 'ord_10492',
      eventTimestamp: '2026-08-16T19:35:00Z',
      eventSource: 'WEB',
      conversionValue: 42.5,
      currency: 'EUR',
      cartData: { items: [{ merchantProductId: 'sku-1', quantity: 2, unitPrice: 21.25 }] },
      userData: { userIdentifiers: [{ emailAddress: sha('user.name+nyc@example.com') }, { phoneNumber: sha('+18005550100') }] },
      adIdentifiers: { gclid: 'EAIaIQobChMI_test' },
      eventDeviceInfo: { userAgent: 'Mozilla/5.0', ipAddress: '203.0.113.7' },
      consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_DENIED' },
    }],
  };
}

function withChange(change: (b: Record<string, any>) => void, options = strict) {
  const body = validBody();
  change(body);
  return validateIngestRequest(body, options);
}

describe('Data Manager events:ingest contract', () => {
  it('accepts a complete web conversion and reports its facts', () => {
    const result = validateIngestRequest(validBody(), strict);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.facts.destinations[0]).toMatchObject({ operatingAccount: '1234567890', conversionAction: '987654321', loginAccount: null });
    expect(result.facts.events[0]).toMatchObject({
      transactionId: 'ord_10492', eventTime: Date.UTC(2026, 7, 16, 19, 35), identifiers: { email: true, phone: true, address: false },
      gclid: 'EAIaIQobChMI_test', gbraid: false, ipAddress: true, userAgent: true, consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_DENIED' },
    });
  });

  it('accepts the reference\'s worked hashes (B6) as HEX identifiers', () => {
    const hashes = [
      'fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30', // +18005550100
      '223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4', // cloudysanfrancisco@gmail.com
      'f109a2a632fbcea5fc82049f50beed3d8621bf9034399f437fb622222acccdac', // user.name+nyc@example.com
    ];
    expect(sha('+18005550100')).toBe(hashes[0]);
    const result = withChange((b) => {
      b.events[0].userData.userIdentifiers = [{ phoneNumber: hashes[0] }, { emailAddress: hashes[1] }, { emailAddress: hashes[2] }];
    });
    expect(result.ok).toBe(true);
  });

  it('accepts BASE64 digests when the request says BASE64, and points at HEX when a hex digest is sent as BASE64', () => {
    const b64 = createHash('sha256').update('+18005550100').digest('base64');
    expect(withChange((b) => { b.encoding = 'BASE64'; b.events[0].userData.userIdentifiers = [{ phoneNumber: b64 }]; }).ok).toBe(true);
    const mixed = withChange((b) => { b.encoding = 'BASE64'; });
    expect(mixed).toMatchObject({ ok: false, problem: { reason: 'INVALID_SHA256_FORMAT', field: 'events[0].userData.userIdentifiers[0].emailAddress' } });
    if (!mixed.ok) expect(mixed.problem.message).toContain('encoding should be HEX');
  });

  it('accepts exactly 2000 events and refuses 2001 with TOO_MANY_EVENTS', () => {
    const event = validBody().events[0];
    expect(withChange((b) => { b.events = Array.from({ length: MAX_EVENTS }, (_v, i) => ({ ...event, transactionId: `ord_${i}` })); }).ok).toBe(true);
    expect(withChange((b) => { b.events = Array.from({ length: MAX_EVENTS + 1 }, () => event); })).toMatchObject({ ok: false, problem: { reason: 'TOO_MANY_EVENTS', field: 'events', status: 'INVALID_ARGUMENT' } });
  });

  it('fails the whole request on one bad record (fast-fail), naming it', () => {
    const result = withChange((b) => {
      b.events = [0, 1, 2, 3, 4].map((i) => ({ ...b.events[0], transactionId: `ord_${i}` }));
      delete b.events[3].transactionId;
    });
    expect(result).toMatchObject({ ok: false, problem: { reason: 'REQUIRED_FIELD_MISSING', field: 'events[3].transactionId' } });
  });

  it('allows a missing transactionId only when told to, and then still needs an identifier', () => {
    const lax = { requireTransactionId: false, requireIdentifiers: true };
    expect(withChange((b) => { delete b.events[0].transactionId; }, lax).ok).toBe(true);
    expect(withChange((b) => { delete b.events[0].userData; delete b.events[0].adIdentifiers; }))
      .toMatchObject({ ok: false, problem: { reason: 'NO_IDENTIFIERS_PROVIDED', field: 'events[0]' } });
    expect(withChange((b) => { delete b.events[0].userData; delete b.events[0].adIdentifiers; }, { requireTransactionId: true, requireIdentifiers: false }).ok).toBe(true);
  });

  it('treats null and default values as absent, as proto JSON does', () => {
    expect(withChange((b) => { b.events[0].conversionValue = null; b.events[0].cartData = null; b.validateOnly = null; }).ok).toBe(true);
    expect(withChange((b) => { b.events[0].transactionId = ''; })).toMatchObject({ ok: false, problem: { reason: 'REQUIRED_FIELD_MISSING' } });
  });

  const cases: Array<[string, (b: Record<string, any>) => void, string, string, string?]> = [
    // [name, change, reason, field, message part]
    ['unknown top-level field', (b) => { b.partialFailure = true; }, 'INVALID_ARGUMENT', 'partialFailure', 'no partial failure'],
    ['Ads API conversions body', (b) => { b.conversions = []; }, 'INVALID_ARGUMENT', 'conversions', 'Google Ads API'],
    ['snake_case field', (b) => { b.validate_only = true; }, 'INVALID_ARGUMENT', 'validate_only', 'validateOnly'],
    ['encryptionInfo', (b) => { b.encryptionInfo = {}; }, 'INVALID_ARGUMENT', 'encryptionInfo'],
    ['validateOnly as a string', (b) => { b.validateOnly = 'true'; }, 'INVALID_ARGUMENT', 'validateOnly'],
    ['missing encoding with userData', (b) => { delete b.encoding; }, 'REQUIRED_FIELD_MISSING', 'encoding'],
    ['ENCODING_UNSPECIFIED', (b) => { b.encoding = 'ENCODING_UNSPECIFIED'; }, 'INVALID_ENUM_VALUE', 'encoding'],
    ['lower-case consent value', (b) => { b.consent.adUserData = 'granted'; }, 'INVALID_ENUM_VALUE', 'consent.adUserData'],
    ['gtag-style consent key', (b) => { b.events[0].consent = { ad_user_data: 'CONSENT_GRANTED' }; }, 'INVALID_ARGUMENT', 'events[0].consent.ad_user_data', 'adUserData'],
    ['no destinations', (b) => { b.destinations = []; }, 'REQUIRED_FIELD_MISSING', 'destinations'],
    ['11 destinations', (b) => { b.destinations = Array(11).fill(b.destinations[0]); }, 'TOO_MANY_DESTINATIONS', 'destinations'],
    ['missing operatingAccount', (b) => { delete b.destinations[0].operatingAccount; }, 'REQUIRED_FIELD_MISSING', 'destinations[0].operatingAccount'],
    ['customer id with dashes', (b) => { b.destinations[0].operatingAccount.accountId = '123-456-7890'; }, 'INVALID_FORMAT', 'destinations[0].operatingAccount.accountId', 'without dashes'],
    ['numeric customer id', (b) => { b.destinations[0].operatingAccount.accountId = 1234567890; }, 'INVALID_ARGUMENT', 'destinations[0].operatingAccount.accountId'],
    ['nine-digit customer id', (b) => { b.destinations[0].operatingAccount.accountId = '123456789'; }, 'INVALID_FORMAT', 'destinations[0].operatingAccount.accountId'],
    ['missing accountType', (b) => { delete b.destinations[0].operatingAccount.accountType; }, 'REQUIRED_FIELD_MISSING', 'destinations[0].operatingAccount.accountType'],
    ['deprecated product', (b) => { b.destinations[0].operatingAccount.product = 'GOOGLE_ADS'; }, 'INVALID_ARGUMENT', 'destinations[0].operatingAccount.product', 'accountType'],
    ['bad login account', (b) => { b.destinations[0].loginAccount = { accountType: 'GOOGLE_ADS', accountId: '12' }; }, 'INVALID_FORMAT', 'destinations[0].loginAccount.accountId'],
    ['missing conversion action', (b) => { delete b.destinations[0].productDestinationId; }, 'REQUIRED_FIELD_MISSING', 'destinations[0].productDestinationId'],
    ['send_to as conversion action', (b) => { b.destinations[0].productDestinationId = 'AW-123456789/AbC-D_efG'; }, 'INVALID_CONVERSION_ACTION_ID', 'destinations[0].productDestinationId', 'send_to'],
    ['resource name as conversion action', (b) => { b.destinations[0].productDestinationId = 'customers/1234567890/conversionActions/987654321'; }, 'INVALID_CONVERSION_ACTION_ID', 'destinations[0].productDestinationId', 'resource name'],
    ['duplicate destination reference', (b) => { b.destinations = [{ ...b.destinations[0], reference: 'a' }, { ...b.destinations[0], reference: 'a' }]; }, 'DUPLICATE_DESTINATION_REFERENCE', 'destinations[1].reference'],
    ['unknown destination reference', (b) => { b.events[0].destinationReferences = ['nope']; }, 'INVALID_DESTINATION', 'events[0].destinationReferences[0]'],
    ['no events', (b) => { b.events = []; }, 'REQUIRED_FIELD_MISSING', 'events'],
    ['orderId instead of transactionId', (b) => { b.events[0].orderId = 'x'; }, 'INVALID_ARGUMENT', 'events[0].orderId', 'transactionId'],
    ['numeric transactionId', (b) => { b.events[0].transactionId = 10492; }, 'INVALID_ARGUMENT', 'events[0].transactionId'],
    ['padded transactionId', (b) => { b.events[0].transactionId = ' ord_1'; }, 'INVALID_FORMAT', 'events[0].transactionId', 'byte-identical'],
    ['missing eventTimestamp', (b) => { delete b.events[0].eventTimestamp; }, 'REQUIRED_FIELD_MISSING', 'events[0].eventTimestamp'],
    ['Ads API time format', (b) => { b.events[0].eventTimestamp = '2026-08-16 19:35:00+00:00'; }, 'INVALID_FORMAT', 'events[0].eventTimestamp', 'Google Ads API format'],
    ['epoch seconds', (b) => { b.events[0].eventTimestamp = 1786908900; }, 'INVALID_FORMAT', 'events[0].eventTimestamp', 'epoch'],
    ['epoch as a string', (b) => { b.events[0].eventTimestamp = '1786908900'; }, 'INVALID_FORMAT', 'events[0].eventTimestamp'],
    ['no time zone', (b) => { b.events[0].eventTimestamp = '2026-08-16T19:35:00'; }, 'INVALID_FORMAT', 'events[0].eventTimestamp'],
    ['impossible date', (b) => { b.events[0].eventTimestamp = '2026-02-30T10:00:00Z'; }, 'INVALID_FORMAT', 'events[0].eventTimestamp', 'not a real date'],
    ['eventSource lower-case', (b) => { b.events[0].eventSource = 'web'; }, 'INVALID_ENUM_VALUE', 'events[0].eventSource'],
    ['value field name', (b) => { b.events[0].value = 1; }, 'INVALID_ARGUMENT', 'events[0].value', 'conversionValue'],
    ['string conversionValue', (b) => { b.events[0].conversionValue = '42.50'; }, 'INVALID_ARGUMENT', 'events[0].conversionValue'],
    ['negative conversionValue', (b) => { b.events[0].conversionValue = -1; }, 'INVALID_ARGUMENT', 'events[0].conversionValue'],
    ['unknown currency', (b) => { b.events[0].currency = 'XBT'; }, 'INVALID_CURRENCY_CODE', 'events[0].currency'],
    ['lower-case currency', (b) => { b.events[0].currency = 'eur'; }, 'INVALID_CURRENCY_CODE', 'events[0].currency'],
    ['fractional quantity', (b) => { b.events[0].cartData.items[0].quantity = 1.5; }, 'INVALID_ARGUMENT', 'events[0].cartData.items[0].quantity'],
    ['string unitPrice', (b) => { b.events[0].cartData.items[0].unitPrice = '21.25'; }, 'INVALID_ARGUMENT', 'events[0].cartData.items[0].unitPrice'],
    ['item id name', (b) => { b.events[0].cartData.items[0].item_id = 'sku'; }, 'INVALID_ARGUMENT', 'events[0].cartData.items[0].item_id', 'merchantProductId'],
    ['gclid at event level', (b) => { b.events[0].gclid = 'x'; }, 'INVALID_ARGUMENT', 'events[0].gclid', 'adIdentifiers.gclid'],
    ['both braids', (b) => { b.events[0].adIdentifiers = { gbraid: 'g', wbraid: 'w' }; }, 'INVALID_ARGUMENT', 'events[0].adIdentifiers.wbraid', 'at most one'],
    ['gclid with spaces', (b) => { b.events[0].adIdentifiers.gclid = 'EAIa IQ'; }, 'INVALID_FORMAT', 'events[0].adIdentifiers.gclid'],
    ['bad IP', (b) => { b.events[0].eventDeviceInfo.ipAddress = '999.1.1.1'; }, 'INVALID_FORMAT', 'events[0].eventDeviceInfo.ipAddress'],
    ['userAgent at event level', (b) => { b.events[0].userAgent = 'UA'; }, 'INVALID_ARGUMENT', 'events[0].userAgent', 'eventDeviceInfo'],
    ['empty userIdentifiers', (b) => { b.events[0].userData.userIdentifiers = []; }, 'REQUIRED_FIELD_MISSING', 'events[0].userData.userIdentifiers'],
    ['11 identifiers', (b) => { b.events[0].userData.userIdentifiers = Array(11).fill({ emailAddress: sha('a@b.c') }); }, 'TOO_MANY_USER_IDENTIFIERS', 'events[0].userData.userIdentifiers'],
    ['two kinds in one identifier', (b) => { b.events[0].userData.userIdentifiers = [{ emailAddress: sha('a'), phoneNumber: sha('b') }]; }, 'INVALID_ARGUMENT', 'events[0].userData.userIdentifiers[0]', 'exactly one'],
    ['empty identifier', (b) => { b.events[0].userData.userIdentifiers = [{}]; }, 'REQUIRED_FIELD_MISSING', 'events[0].userData.userIdentifiers[0]'],
    ['Ads API hashedEmail', (b) => { b.events[0].userData.userIdentifiers = [{ hashedEmail: sha('a') }]; }, 'INVALID_ARGUMENT', 'events[0].userData.userIdentifiers[0].hashedEmail', 'emailAddress'],
    // The reference's normalisation inputs (B6), sent without hashing:
    ['plain email', (b) => { b.events[0].userData.userIdentifiers = [{ emailAddress: 'cloudysanfrancisco@gmail.com' }]; }, 'INVALID_HEX_ENCODING', 'events[0].userData.userIdentifiers[0].emailAddress', 'not a hash'],
    ['plain E.164 phone', (b) => { b.events[0].userData.userIdentifiers = [{ phoneNumber: '+18005550100' }]; }, 'INVALID_HEX_ENCODING', 'events[0].userData.userIdentifiers[0].phoneNumber'],
    ['plain digits phone (odd length)', (b) => { b.events[0].userData.userIdentifiers = [{ phoneNumber: '18005550100' }]; }, 'INVALID_HEX_ENCODING', 'events[0].userData.userIdentifiers[0].phoneNumber'],
    ['plain digits phone (even length)', (b) => { b.events[0].userData.userIdentifiers = [{ phoneNumber: '441134960987' }]; }, 'INVALID_SHA256_FORMAT', 'events[0].userData.userIdentifiers[0].phoneNumber', '6 bytes'],
    ['upper-case hex digest', (b) => { b.events[0].userData.userIdentifiers = [{ emailAddress: sha('a').toUpperCase() }]; }, 'INVALID_SHA256_FORMAT', 'events[0].userData.userIdentifiers[0].emailAddress', 'lower-case'],
    ['SHA-1 digest', (b) => { b.events[0].userData.userIdentifiers = [{ emailAddress: createHash('sha1').update('a').digest('hex') }]; }, 'INVALID_SHA256_FORMAT', 'events[0].userData.userIdentifiers[0].emailAddress', '20 bytes'],
    ['hash of an empty string', (b) => { b.events[0].userData.userIdentifiers = [{ emailAddress: sha('') }]; }, 'INVALID_SHA256_FORMAT', 'events[0].userData.userIdentifiers[0].emailAddress', 'empty string'],
    ['numeric hash', (b) => { b.events[0].userData.userIdentifiers = [{ phoneNumber: 18005550100 }]; }, 'INVALID_ARGUMENT', 'events[0].userData.userIdentifiers[0].phoneNumber'],
    ['address without postal code', (b) => { b.events[0].userData.userIdentifiers = [{ address: { givenName: sha('a'), familyName: sha('b'), regionCode: 'US' } }]; }, 'REQUIRED_FIELD_MISSING', 'events[0].userData.userIdentifiers[0].address.postalCode'],
    ['plain given name', (b) => { b.events[0].userData.userIdentifiers = [{ address: { givenName: 'Alice', familyName: sha('b'), regionCode: 'US', postalCode: '94045' } }]; }, 'INVALID_HEX_ENCODING', 'events[0].userData.userIdentifiers[0].address.givenName'],
    ['lower-case region', (b) => { b.events[0].userData.userIdentifiers = [{ address: { givenName: sha('a'), familyName: sha('b'), regionCode: 'us', postalCode: '94045' } }]; }, 'INVALID_FORMAT', 'events[0].userData.userIdentifiers[0].address.regionCode'],
    ['hashed postal code', (b) => { b.events[0].userData.userIdentifiers = [{ address: { givenName: sha('a'), familyName: sha('b'), regionCode: 'US', postalCode: sha('94045') } }]; }, 'INVALID_POSTAL_CODE', 'events[0].userData.userIdentifiers[0].address.postalCode'],
    ['bad BASE64', (b) => { b.encoding = 'BASE64'; b.events[0].userData.userIdentifiers = [{ emailAddress: 'a@b.com' }]; }, 'INVALID_BASE64_ENCODING', 'events[0].userData.userIdentifiers[0].emailAddress'],
  ];

  it.each(cases)('refuses %s', (_name, change, reason, field, part) => {
    const result = withChange(change);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ status: 'INVALID_ARGUMENT', reason, field });
    expect(result.problem.message.startsWith(`${field}: `)).toBe(true);
    if (part) expect(result.problem.message).toContain(part);
  });

  it('never echoes a refused value', () => {
    for (const value of ['cloudysanfrancisco@gmail.com', '+18005550100']) {
      const result = withChange((b) => { b.events[0].userData.userIdentifiers = [{ emailAddress: value }]; });
      expect(JSON.stringify(result)).not.toContain(value);
    }
  });

  it('refuses non-object bodies', () => {
    expect(validateIngestRequest([], strict)).toMatchObject({ ok: false, problem: { field: 'body' } });
  });
});
