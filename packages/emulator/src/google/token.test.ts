import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { checkAssertion, DATAMANAGER_SCOPE, GOOGLE_TOKEN_URL } from './assertion.js';
import { createServiceAccount } from './service-account.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A service-account assertion signed with node:crypto, as google-auth-library builds it. */
function sign(privateKey: string, claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }): string {
  const body = `${b64(header)}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url');
  return `${body}.${signature}`;
}

const now = () => Math.floor(Date.now() / 1000);
const claimsFor = (email: string, extra: Record<string, unknown> = {}) => ({ iss: email, scope: DATAMANAGER_SCOPE, aud: GOOGLE_TOKEN_URL, iat: now(), exp: now() + 3600, ...extra });

describe('service-account assertion check', () => {
  const account = createServiceAccount(() => 'http://127.0.0.1:9/google/token');
  const key = account.key();
  const keys = { clientEmail: account.clientEmail, privateKeyId: account.privateKeyId, publicKey: account.publicKey, tokenUrl: 'http://127.0.0.1:9/google/token' };
  const check = (assertion: string) => checkAssertion(assertion, keys, Date.now());

  it('makes a Google-shaped key file pointing at the stand-in', () => {
    expect(key).toMatchObject({ type: 'service_account', client_email: account.clientEmail, private_key_id: account.privateKeyId, token_uri: 'http://127.0.0.1:9/google/token' });
    expect(key.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(key.client_id).toMatch(/^\d{21}$/);
  });

  it('accepts what google-auth-library signs, with either audience', () => {
    expect(check(sign(key.private_key, claimsFor(key.client_email)))).toEqual({ ok: true, clientEmail: key.client_email, scopes: [DATAMANAGER_SCOPE] });
    expect(check(sign(key.private_key, claimsFor(key.client_email, { aud: keys.tokenUrl }))).ok).toBe(true);
    expect(check(sign(key.private_key, claimsFor(key.client_email), { alg: 'RS256', kid: account.privateKeyId })).ok).toBe(true);
  });

  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cases: Array<[string, () => string, string, RegExp]> = [
    ['another key\'s signature', () => sign(other, claimsFor(key.client_email)), 'invalid_grant', /Invalid JWT Signature/],
    ['alg none', () => `${b64({ alg: 'none' })}.${b64(claimsFor(key.client_email))}.x`, 'invalid_grant', /alg must be RS256/],
    ['a kid of another key', () => sign(key.private_key, claimsFor(key.client_email), { alg: 'RS256', kid: 'abc' }), 'invalid_grant', /kid/],
    ['a tampered payload', () => { const [h, , s] = sign(key.private_key, claimsFor(key.client_email)).split('.'); return `${h}.${b64(claimsFor('evil@x.iam.gserviceaccount.com'))}.${s}`; }, 'invalid_grant', /Signature/],
    ['another issuer', () => sign(key.private_key, claimsFor('someone@else.iam.gserviceaccount.com')), 'invalid_grant', /iss/],
    ['another audience', () => sign(key.private_key, claimsFor(key.client_email, { aud: 'https://www.googleapis.com/oauth2/v4/token' })), 'invalid_grant', /aud/],
    ['a lifetime over an hour', () => sign(key.private_key, claimsFor(key.client_email, { exp: now() + 3601 })), 'invalid_grant', /short-lived/],
    ['an expired assertion', () => sign(key.private_key, claimsFor(key.client_email, { iat: now() - 7200, exp: now() - 3600 })), 'invalid_grant', /short-lived/],
    ['an iat in the future', () => sign(key.private_key, claimsFor(key.client_email, { iat: now() + 1800, exp: now() + 3000 })), 'invalid_grant', /short-lived/],
    ['millisecond times', () => sign(key.private_key, claimsFor(key.client_email, { iat: Date.now(), exp: Date.now() + 3_600_000 })), 'invalid_grant', /short-lived/],
    ['no scope', () => sign(key.private_key, claimsFor(key.client_email, { scope: undefined })), 'invalid_scope', /scope/],
    ['a comma-separated scope', () => sign(key.private_key, claimsFor(key.client_email, { scope: `${DATAMANAGER_SCOPE},https://www.googleapis.com/auth/adwords` })), 'invalid_scope', /spaces/],
    ['domain-wide delegation', () => sign(key.private_key, claimsFor(key.client_email, { sub: 'admin@shop.example' })), 'unauthorized_client', /sub/],
    ['not a JWT', () => 'abc.def', 'invalid_grant', /three base64url parts/],
  ];

  it.each(cases)('refuses %s', (_name, make, error, description) => {
    const result = check(make());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(error);
    expect(result.description).toMatch(description);
  });
});

describe('token endpoint over HTTP', () => {
  let emulator: Emulator;
  beforeAll(async () => { emulator = await startEmulator({ google: { tokenLifetimeSeconds: 600 } }); });
  afterAll(async () => { await emulator.close(); });
  beforeEach(() => emulator.reset());

  const post = async (form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') => {
    const res = await fetch(emulator.google.tokenUrl, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(form).toString() });
    return { status: res.status, headers: res.headers, json: await res.json().catch(() => null) as any };
  };
  const grant = (claims?: Record<string, unknown>) => {
    const key = emulator.google.serviceAccountKey();
    return { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: sign(key.private_key, claims ?? claimsFor(key.client_email)) };
  };

  it('issues a bearer token for a valid assertion, counts it, and records no secret', async () => {
    const form = grant();
    const res = await post(form);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ access_token: expect.stringMatching(/^ya29\.[\w-]{40,}$/), expires_in: 600, token_type: 'Bearer' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(emulator.google.tokensIssued()).toBe(1);
    const records = JSON.stringify(emulator.google.records());
    expect(records).not.toContain(res.json.access_token);
    expect(records).not.toContain(form.assertion.split('.')[2]);
    expect(records).not.toContain('PRIVATE KEY');
    expect(emulator.google.records().tokenRequests).toMatchObject([{ ok: true, httpStatus: 200, error: null }]);
  });

  it('answers OAuth errors with 400 and never issues a token', async () => {
    const key = emulator.google.serviceAccountKey();
    expect(await post(grant(claimsFor('x@y.iam.gserviceaccount.com')))).toMatchObject({ status: 400, json: { error: 'invalid_grant', error_description: expect.stringContaining('iss') } });
    expect(await post({ ...grant(), grant_type: 'client_credentials' })).toMatchObject({ status: 400, json: { error: 'unsupported_grant_type' } });
    expect(await post({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' })).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    expect(await post(grant(), 'application/json')).toMatchObject({ status: 400, json: { error: 'invalid_request', error_description: expect.stringContaining('Content-Type') } });
    expect(await post(grant(claimsFor(key.client_email, { scope: undefined })))).toMatchObject({ status: 400, json: { error: 'invalid_scope' } });
    expect(emulator.google.tokensIssued()).toBe(0);
    expect(emulator.google.records().tokenRequests.map((r) => r.error)).toEqual(['invalid_grant', 'unsupported_grant_type', 'invalid_request', 'invalid_request', 'invalid_scope']);
  });

  it('follows its own fault spec: injected invalid_grant, HTTP 503, reset', async () => {
    emulator.google.tokenFaults.set({ next: 3, kinds: ['token_invalid', 'http_503', 'reset'] });
    expect(await post(grant())).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect((await post(grant())).status).toBe(503);
    await expect(post(grant())).rejects.toThrow();
    expect((await post(grant())).status).toBe(200);
    expect(emulator.google.records().tokenRequests.map((r) => r.faulted)).toEqual(['token_invalid', 'http_503', 'reset', null]);
    expect(emulator.google.tokensIssued()).toBe(1);
  });

  it('serves the key file over the JSON API for a server in another process', async () => {
    const key = (await (await fetch(`${emulator.url}/__emulator/google/service-account`)).json()) as any;
    expect(key).toEqual(emulator.google.serviceAccountKey());
    expect(key.token_uri).toBe(emulator.google.tokenUrl);
  });
});
