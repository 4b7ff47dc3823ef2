import { createHash, createSign } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { DATAMANAGER_SCOPE, GOOGLE_TOKEN_URL } from './assertion.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const ACCOUNT = '1234567890';
const PURCHASE = '987654321';
const LEAD = '111222333';

let emulator: Emulator;
let token: string;
beforeAll(async () => {
  emulator = await startEmulator({ google: { operatingAccounts: [ACCOUNT], conversionActions: [PURCHASE, LEAD] } });
});
afterAll(async () => { await emulator.close(); });
beforeEach(async () => {
  emulator.reset();
  token = await fetchToken();
});

/** A token from the stand-in, for an assertion signed with node:crypto. */
async function fetchToken(scope = DATAMANAGER_SCOPE): Promise<string> {
  const key = emulator.google.serviceAccountKey();
  const now = Math.floor(Date.now() / 1000);
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: key.client_email, scope, aud: GOOGLE_TOKEN_URL, iat: now, exp: now + 3600 })}`;
  const assertion = `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key.private_key).toString('base64url')}`;
  const res = await fetch(emulator.google.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) });
  return ((await res.json()) as any).access_token;
}

const event = (transactionId: string, extra: Record<string, unknown> = {}) => ({
  transactionId, eventTimestamp: '2026-08-16T19:35:00Z', eventSource: 'WEB', conversionValue: 42.5, currency: 'EUR',
  userData: { userIdentifiers: [{ emailAddress: sha('cloudysanfrancisco@gmail.com') }, { phoneNumber: sha('+18005550100') }] },
  adIdentifiers: { gclid: 'EAIaIQobChMI_gclid' },
  eventDeviceInfo: { userAgent: 'Mozilla/5.0' },
  consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' },
  ...extra,
});
const request = (events: unknown[], extra: Record<string, unknown> = {}) => ({
  destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT }, productDestinationId: PURCHASE }],
  encoding: 'HEX', events, ...extra,
});

async function ingest(payload: unknown, auth: string | null = `Bearer ${token}`) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== null) headers.authorization = auth;
  const res = await fetch(emulator.google.apiUrl, { method: 'POST', headers, body: JSON.stringify(payload) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: (() => { try { return JSON.parse(text); } catch { return null; } })() };
}

async function status(requestId: string | null, auth = `Bearer ${token}`) {
  const url = requestId === null ? emulator.google.requestStatusUrl : `${emulator.google.requestStatusUrl}?requestId=${encodeURIComponent(requestId)}`;
  const res = await fetch(url, { headers: { authorization: auth } });
  return { status: res.status, json: await res.json() as any };
}

describe('events:ingest', () => {
  it('ingests a valid request, answers { requestId } and records compact events', async () => {
    const res = await ingest(request([event('ord_1'), event('ord_2', { userData: undefined, adIdentifiers: { wbraid: 'w1' }, eventDeviceInfo: { ipAddress: '203.0.113.9' } })]));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const [first, second] = emulator.google.records().events;
    expect(first).toMatchObject({
      requestId: res.json.requestId, validateOnly: false, operatingAccount: ACCOUNT, conversionAction: PURCHASE, transactionId: 'ord_1',
      eventTimestamp: '2026-08-16T19:35:00Z', eventTime: Date.UTC(2026, 7, 16, 19, 35), identifiers: { email: true, phone: true, address: false },
      adIdentifiers: { gclid: true, gbraid: false, wbraid: false }, gclid: 'EAIaIQobChMI_gclid',
      consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' }, ipAddress: false, userAgent: true, duplicate: false,
    });
    expect(first!.body).toMatchObject({ transactionId: 'ord_1', userData: { userIdentifiers: [{ emailAddress: sha('cloudysanfrancisco@gmail.com') }, {}] } });
    expect(second).toMatchObject({ identifiers: { email: false, phone: false, address: false }, adIdentifiers: { gclid: false, wbraid: true }, gclid: null, ipAddress: true, userAgent: false });
    expect(emulator.google.acceptances(PURCHASE, 'ord_1')).toBe(1);
    expect(emulator.google.records().requests).toMatchObject([{ method: 'ingest', httpStatus: 200, status: 'OK', accepted: true, eventCount: 2, destinationCount: 1 }]);
  });

  it('records one event per destination, honours destinationReferences, and applies request-level consent', async () => {
    const destinations = [
      { reference: 'purchase', operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT }, productDestinationId: PURCHASE },
      { reference: 'lead', operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT }, productDestinationId: LEAD, loginAccount: { accountType: 'GOOGLE_ADS', accountId: '5555555555' } },
    ];
    const res = await ingest({ ...request([event('both', { consent: undefined }), event('only_lead', { destinationReferences: ['lead'], consent: { adPersonalization: 'CONSENT_DENIED' } })]), destinations, consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' } });
    expect(res.status).toBe(200);
    expect(emulator.google.records().events.map((e) => [e.transactionId, e.conversionAction, e.loginAccount, e.consent.adPersonalization])).toEqual([
      ['both', PURCHASE, null, 'CONSENT_GRANTED'], ['both', LEAD, '5555555555', 'CONSENT_GRANTED'], ['only_lead', LEAD, '5555555555', 'CONSENT_DENIED'],
    ]);
  });

  it('answers 401 UNAUTHENTICATED for a missing, foreign or expired token, and records nothing', async () => {
    for (const [auth, reason] of [[null, 'CREDENTIALS_MISSING'], ['Bearer ya29.not-ours', 'ACCESS_TOKEN_TYPE_UNSUPPORTED'], [`Basic ${token}`, 'ACCESS_TOKEN_TYPE_UNSUPPORTED']] as const) {
      const res = await ingest(request([event('ord_1')]), auth);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(res.json.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com' }, { requestId: expect.any(String) }] });
    }
    emulator.google.expireTokens();
    expect((await ingest(request([event('ord_1')]))).json.error.details[0].reason).toBe('ACCESS_TOKEN_EXPIRED');
    expect(emulator.google.records().events).toHaveLength(0);
    expect(JSON.stringify(emulator.google.records())).not.toContain(token);
  });

  it('answers 403 PERMISSION_DENIED for an operating account it was not told about, and 400 for an unknown conversion action', async () => {
    const foreign = request([event('ord_1')], { destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: '9999999999' }, productDestinationId: PURCHASE }] });
    const denied = await ingest(foreign);
    expect(denied.status).toBe(403);
    expect(denied.json.error).toMatchObject({ status: 'PERMISSION_DENIED', details: [{ reason: 'PERMISSION_DENIED', domain: 'datamanager.googleapis.com' }, { fieldViolations: [{ field: 'destinations[0].operatingAccount.accountId' }] }, {}] });
    const unknown = await ingest(request([event('ord_1')], { destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT }, productDestinationId: '4242' }] }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details[0].reason).toBe('INVALID_CONVERSION_ACTION_ID');
    expect(emulator.google.records().events).toHaveLength(0);
  });

  it('fails the whole request on one bad record, in the google.rpc model, without echoing the value', async () => {
    const events = [0, 1, 2, 3, 4].map((i) => event(`ord_${i}`));
    (events[3] as any).userData = { userIdentifiers: [{ emailAddress: 'cloudysanfrancisco@gmail.com' }] };
    const res = await ingest(request(events));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        code: 400, status: 'INVALID_ARGUMENT', message: expect.stringMatching(/^events\[3\]\.userData\.userIdentifiers\[0\]\.emailAddress: not hex/),
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'INVALID_HEX_ENCODING', domain: 'datamanager.googleapis.com', metadata: { service: 'datamanager.googleapis.com', method: 'google.ads.datamanager.v1.IngestionService.IngestEvents' } },
          { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'events[3].userData.userIdentifiers[0].emailAddress', description: expect.stringMatching(/^not hex/), reason: 'INVALID_HEX_ENCODING' }] },
          { '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: expect.any(String) },
        ],
      },
    });
    expect(res.text).not.toContain('cloudysanfrancisco');
    expect(emulator.google.records().events).toHaveLength(0);
    expect(emulator.google.records().requests[0]).toMatchObject({ accepted: false, status: 'INVALID_ARGUMENT', reason: 'INVALID_HEX_ENCODING', field: 'events[3].userData.userIdentifiers[0].emailAddress', eventCount: 5 });
  });

  it('takes 2000 events in one request and refuses 2001', async () => {
    const ok = await ingest(request(Array.from({ length: 2000 }, (_v, i) => event(`bulk_${i}`))));
    expect(ok.status).toBe(200);
    expect(emulator.google.records().totals.events).toBe(2000);
    const tooMany = await ingest(request(Array.from({ length: 2001 }, (_v, i) => event(`bulk_${i}`))));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.details[0].reason).toBe('TOO_MANY_EVENTS');
    expect(emulator.google.records().totals.events).toBe(2000);
  });

  it('validateOnly: validates and answers, ingests nothing, counts nothing', async () => {
    const res = await ingest(request([event('ord_v')], { validateOnly: true }));
    expect(res.status).toBe(200);
    expect(emulator.google.acceptances(PURCHASE, 'ord_v')).toBe(0);
    expect(emulator.google.records().events).toMatchObject([{ transactionId: 'ord_v', validateOnly: true }]);
    expect(emulator.google.records().totals).toMatchObject({ events: 0, validateOnlyEvents: 1 });
    const bad = await ingest(request([event('ord_v', { currency: 'eur' })], { validateOnly: true }));
    expect(bad.json.error.details[0].reason).toBe('INVALID_CURRENCY_CODE');
    expect((await status(res.json.requestId)).json.error.details[0].reason).toBe('INVALID_REQUEST_ID');
  });

  it('refuses a body that is not JSON, or not sent as JSON', async () => {
    const res = await fetch(emulator.google.apiUrl, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"events":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toContain('Invalid JSON payload');
    const form = await fetch(emulator.google.apiUrl, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: JSON.stringify(request([event('a')])) });
    expect(form.status).toBe(400);
    expect((await fetch(emulator.google.apiUrl)).status).toBe(405);
  });

  it('maps Google URLs onto the stand-in for a gaxios interceptor', () => {
    expect(emulator.google.rewriteUrl('https://oauth2.googleapis.com/token')).toBe(emulator.google.tokenUrl);
    expect(emulator.google.rewriteUrl(new URL('https://datamanager.googleapis.com/v1/events:ingest'))).toBe(emulator.google.apiUrl);
    expect(emulator.google.rewriteUrl('https://datamanager.googleapis.com/v1/requestStatus:retrieve?requestId=1')).toBe(`${emulator.google.requestStatusUrl}?requestId=1`);
    expect(emulator.google.rewriteUrl('https://example.com/x')).toBe('https://example.com/x');
  });

  it('is reset by the emulator\'s reset(), over HTTP too, while the cached token stays valid', async () => {
    await ingest(request([event('ord_1')]));
    emulator.reset();
    expect(emulator.google.records().events).toHaveLength(0);
    expect(emulator.google.tokensIssued()).toBe(0);
    await ingest(request([event('ord_2')]));
    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    expect(emulator.google.records().events).toHaveLength(0);
    expect((await ingest(request([event('ord_3')]))).status).toBe(200);
  });
});

describe('requestStatus:retrieve', () => {
  it('reports SUCCESS with the record count as an int64 string', async () => {
    const { json } = await ingest(request([event('ord_1'), event('ord_2')]));
    const res = await status(json.requestId);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      requestStatusPerDestination: [{
        destination: { operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT }, productDestinationId: PURCHASE },
        requestStatus: 'SUCCESS', eventsIngestionStatus: { recordCount: '2' },
      }],
    });
  });

  it('reports a transactionId already ingested for that conversion action as DUPLICATE_TRANSACTION_ID', async () => {
    await ingest(request([event('ord_1')]));
    const { json } = await ingest(request([event('ord_1'), event('ord_2')]));
    expect((await status(json.requestId)).json.requestStatusPerDestination[0]).toMatchObject({
      requestStatus: 'PARTIAL_SUCCESS', errorInfo: { errorCounts: [{ recordCount: '1', reason: 'PROCESSING_ERROR_REASON_DUPLICATE_TRANSACTION_ID' }] },
    });
    expect(emulator.google.acceptances(PURCHASE, 'ord_1')).toBe(2);
    expect(emulator.google.records().duplicates).toEqual([{ conversionAction: PURCHASE, transactionId: 'ord_1', count: 2 }]);
    expect(emulator.google.records().events.map((e) => e.duplicate)).toEqual([false, true, false]);
  });

  it('reports events whose ad_user_data consent is denied (event or request level) as DENIED_CONSENT', async () => {
    const { json } = await ingest({ ...request([event('ord_1', { consent: undefined }), event('ord_2', { consent: { adUserData: 'CONSENT_GRANTED' } })]), consent: { adUserData: 'CONSENT_DENIED' } });
    expect((await status(json.requestId)).json.requestStatusPerDestination[0]).toMatchObject({
      requestStatus: 'PARTIAL_SUCCESS', errorInfo: { errorCounts: [{ recordCount: '1', reason: 'PROCESSING_ERROR_REASON_DENIED_CONSENT' }] },
    });
    expect(emulator.google.records().events.map((e) => e.consent.adUserData)).toEqual(['CONSENT_DENIED', 'CONSENT_GRANTED']);
  });

  it('reports injected processing errors, for the next request or a given one, and PROCESSING while held', async () => {
    emulator.google.injectProcessingError({ reason: 'PROCESSING_ERROR_REASON_EVENT_TOO_OLD' });
    await ingest(request([event('ord_v')], { validateOnly: true })); // validateOnly requests are not processed, so they don't take it
    const first = (await ingest(request([event('ord_1'), event('ord_2')]))).json.requestId;
    expect((await status(first)).json.requestStatusPerDestination[0]).toMatchObject({ requestStatus: 'FAILED', errorInfo: { errorCounts: [{ recordCount: '2', reason: 'PROCESSING_ERROR_REASON_EVENT_TOO_OLD' }] } });
    const second = (await ingest(request([event('ord_3'), event('ord_4')]))).json.requestId;
    expect((await status(second)).json.requestStatusPerDestination[0].requestStatus).toBe('SUCCESS');
    await fetch(`${emulator.url}/__emulator/google/processing-errors`, { method: 'POST', body: JSON.stringify({ reason: 'PROCESSING_ERROR_REASON_INVALID_GCLID', recordCount: 1, requestId: second }) });
    emulator.google.setPending(second, true);
    expect((await status(second)).json.requestStatusPerDestination[0]).toEqual(expect.objectContaining({ requestStatus: 'PROCESSING' }));
    emulator.google.setPending(second, false);
    expect((await status(second)).json.requestStatusPerDestination[0]).toMatchObject({ requestStatus: 'PARTIAL_SUCCESS', errorInfo: { errorCounts: [{ recordCount: '1', reason: 'PROCESSING_ERROR_REASON_INVALID_GCLID' }] } });
    expect(() => emulator.google.injectProcessingError({ reason: 'EVENT_TOO_OLD' })).toThrow(/ProcessingErrorReason/);
  });

  it('answers INVALID_REQUEST_ID for unknown and rejected requests, REQUIRED_FIELD_MISSING without one, 401 without a token', async () => {
    const rejected = await ingest(request([event('ord_1', { currency: 'XBT' })]));
    for (const id of ['nope', rejected.json.error.details.at(-1).requestId]) {
      const res = await status(id);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ status: 'INVALID_ARGUMENT', details: [{ reason: 'INVALID_REQUEST_ID' }, { fieldViolations: [{ field: 'requestId' }] }, {}] });
    }
    expect((await status(null)).json.error.details[0].reason).toBe('REQUIRED_FIELD_MISSING');
    expect((await status('x', 'Bearer nope')).status).toBe(401);
  });
});

describe('fault injection on the Data Manager API', () => {
  const cases: Array<[string, number, string, string | null]> = [
    ['rate_limit', 429, 'RESOURCE_EXHAUSTED', 'RESOURCE_EXHAUSTED'],
    ['http_429', 429, 'RESOURCE_EXHAUSTED', 'RESOURCE_EXHAUSTED'],
    ['http_500', 500, 'INTERNAL', 'INTERNAL_ERROR'],
    ['http_503', 503, 'UNAVAILABLE', null],
    ['http_504', 504, 'DEADLINE_EXCEEDED', 'DEADLINE_EXCEEDED'],
    ['token_expired', 401, 'UNAUTHENTICATED', 'ACCESS_TOKEN_EXPIRED'],
    ['no_permission', 403, 'PERMISSION_DENIED', 'PERMISSION_DENIED'],
  ];

  it.each(cases)('%s answers HTTP %i %s in the google.rpc model and ingests nothing', async (kind, httpStatus, rpcStatus, reason) => {
    emulator.google.faults.set({ next: 1, kind: kind as never });
    const res = await ingest(request([event('ord_f')]));
    expect(res.status).toBe(httpStatus);
    expect(res.json.error).toMatchObject({ code: httpStatus, status: rpcStatus });
    const info = res.json.error.details.find((d: any) => d['@type'].endsWith('ErrorInfo'));
    expect(info?.reason ?? null).toBe(reason);
    expect(emulator.google.records().events).toHaveLength(0);
    expect(emulator.google.records().requests[0]).toMatchObject({ faulted: kind, accepted: false, httpStatus });
    expect((await ingest(request([event('ord_f')]))).status).toBe(200);
  });

  it('resets the connection, holds a timeout, and delays a slow answer that is still ingested', async () => {
    emulator.google.faults.set({ next: 1, kind: 'reset' });
    await expect(ingest(request([event('ord_r')]))).rejects.toThrow();
    emulator.google.faults.set({ next: 1, kind: 'timeout', delayMs: 5000 });
    await expect(fetch(emulator.google.apiUrl, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(request([event('ord_t')])), signal: AbortSignal.timeout(100) })).rejects.toThrow();
    emulator.google.faults.set({ next: 1, kind: 'slow', delayMs: 100 });
    expect((await ingest(request([event('ord_s')]))).status).toBe(200);
    expect(emulator.google.records().events.map((e) => e.transactionId)).toEqual(['ord_s']);
    expect(emulator.google.records().requests.map((r) => [r.faulted, r.accepted])).toEqual([['reset', false], ['timeout', false], ['slow', true]]);
  });

  it('keeps its own spec: Google faults leave TikTok alone and the other way round', async () => {
    emulator.google.faults.set({ kind: 'http_503' });
    const tiktok = await fetch(emulator.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'access-token': 't' }, body: JSON.stringify({ event_source: 'web', event_source_id: 'P', data: [{ event: 'Lead', event_time: 1776943380, event_id: 'l1' }] }) });
    expect(((await tiktok.json()) as any).code).toBe(0);
    emulator.google.faults.clear();
    emulator.faults.set({ kind: 'http_503' });
    expect((await ingest(request([event('ord_1')]))).status).toBe(200);
    emulator.faults.clear();
  });

  it('is steered over HTTP as well', async () => {
    const set = await fetch(`${emulator.url}/__emulator/google/faults`, { method: 'POST', body: JSON.stringify({ next: 1, kind: 'http_500' }) });
    expect(((await set.json()) as any).faults).toMatchObject({ kinds: ['http_500'], remaining: 1 });
    expect((await ingest(request([event('ord_1')]))).status).toBe(500);
    const bad = await fetch(`${emulator.url}/__emulator/google/faults`, { method: 'POST', body: JSON.stringify({ kind: 'boom' }) });
    expect(bad.status).toBe(400);
    await fetch(`${emulator.url}/__emulator/google/faults`, { method: 'POST', body: JSON.stringify({ kind: 'http_503' }) });
    await fetch(`${emulator.url}/__emulator/google/faults`, { method: 'DELETE' });
    expect((await ingest(request([event('ord_2')]))).status).toBe(200);
  });
});
