/**
 * The real google-auth-library (v10) against the stand-in's token endpoint and Data Manager
 * API: a service account's signed assertion → the token → the bearer call, with the
 * library's own caching and refresh. The library is a dependency of @pixelpair/server, not of
 * the emulator, so it is loaded from there; without it these tests are skipped (the endpoint
 * is then still covered by token.test.ts with assertions signed by node:crypto).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { DATAMANAGER_SCOPE } from './assertion.js';

function loadGoogleAuth(): any {
  for (const from of [import.meta.url, new URL('../../../server/package.json', import.meta.url).href]) {
    try { return createRequire(from)('google-auth-library'); } catch { /* try the next place */ }
  }
  return null;
}
const lib = loadGoogleAuth();

const INGEST = 'https://datamanager.googleapis.com/v1/events:ingest';
const body = (transactionId: string) => ({
  destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: '1234567890' }, productDestinationId: '987654321' }],
  events: [{ transactionId, eventTimestamp: '2026-08-16T19:35:00Z', eventSource: 'WEB', adIdentifiers: { gclid: 'EAIaIQobChMI_test' } }],
});

describe.skipIf(!lib)('google-auth-library against the stand-in', () => {
  let emulator: Emulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'pixelpair-google-'));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => emulator.reset());

  /** A gaxios transporter that sends Google's token and Data Manager URLs to the stand-in (what the server does). */
  const transporter = () => {
    const gaxios = new lib.gaxios.Gaxios();
    gaxios.interceptors.request.add({ resolved: async (config: any) => ({ ...config, url: new URL(emulator.google.rewriteUrl(config.url)) }) });
    return gaxios;
  };
  const jwtClient = (extra: Record<string, unknown> = {}) => {
    const key = emulator.google.serviceAccountKey();
    return new lib.JWT({ email: key.client_email, key: key.private_key, keyId: key.private_key_id, scopes: [DATAMANAGER_SCOPE], transporter: transporter(), ...extra });
  };
  const ingest = (client: any, transactionId: string) => client.request({ url: INGEST, method: 'POST', data: body(transactionId) });

  it('signs an assertion the stand-in accepts, and caches one token for many requests', async () => {
    const client = jwtClient();
    for (let i = 0; i < 5; i++) expect((await ingest(client, `ord_${i}`)).data).toEqual({ requestId: expect.any(String) });
    expect(emulator.google.tokensIssued()).toBe(1);
    expect(emulator.google.records().events.map((e) => e.transactionId)).toEqual(['ord_0', 'ord_1', 'ord_2', 'ord_3', 'ord_4']);
  });

  it('refreshes before every request when tokens live shorter than its eager-refresh threshold (5 min)', async () => {
    emulator.google.setTokenLifetime(60);
    const client = jwtClient();
    for (let i = 0; i < 3; i++) await ingest(client, `ord_${i}`);
    expect(emulator.google.tokensIssued()).toBe(3);
  });

  it('sees 401 ACCESS_TOKEN_EXPIRED when the stand-in expires its token early, and gets a new one once its cached expiry is cleared', async () => {
    const client = jwtClient({ forceRefreshOnFailure: true });
    await ingest(client, 'ord_1');
    emulator.google.expireTokens();
    // forceRefreshOnFailure does not help a JWT client: its refresh asks gtoken, which hands back
    // the cached token until the expiry the library computed, so the retry fails the same way.
    const error = await ingest(client, 'ord_2').catch((e: any) => e);
    expect(error.response.status).toBe(401);
    expect(error.response.data.error).toMatchObject({ status: 'UNAUTHENTICATED', details: [{ reason: 'ACCESS_TOKEN_EXPIRED', domain: 'googleapis.com' }, { '@type': 'type.googleapis.com/google.rpc.RequestInfo' }] });
    expect(emulator.google.tokensIssued()).toBe(1);
    // What does work: mark the cached credentials expired, so the next call fetches a new token.
    client.credentials = { ...client.credentials, expiry_date: 1 };
    expect((await ingest(client, 'ord_3')).status).toBe(200);
    expect(emulator.google.tokensIssued()).toBe(2);
    expect(emulator.google.records().events.map((e) => e.transactionId)).toEqual(['ord_1', 'ord_3']);
  });

  it('works from a key file, as GOOGLE_APPLICATION_CREDENTIALS gives it, through GoogleAuth', async () => {
    const keyFile = join(dir, 'key.json');
    writeFileSync(keyFile, JSON.stringify(emulator.google.serviceAccountKey()));
    const auth = new lib.GoogleAuth({ keyFile, scopes: [DATAMANAGER_SCOPE], clientOptions: { transporter: transporter() } });
    const client = await auth.getClient();
    expect((await ingest(client, 'ord_file')).status).toBe(200);
    expect(emulator.google.acceptances('987654321', 'ord_file')).toBe(1);
  });

  it('gets a token for another scope but a 403 from the Data Manager API', async () => {
    const client = jwtClient({ scopes: ['https://www.googleapis.com/auth/adwords'] });
    const error = await ingest(client, 'ord_1').catch((e: any) => e);
    expect(error.response.status).toBe(403);
    expect(error.response.data.error).toMatchObject({ status: 'PERMISSION_DENIED', details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }, {}] });
    expect(emulator.google.tokensIssued()).toBe(1);
    expect(emulator.google.records().events).toHaveLength(0);
  });

  it('retries a 503 from the token endpoint by itself (gaxios retries the token POST)', async () => {
    emulator.google.tokenFaults.set({ next: 1, kind: 'http_503' });
    expect((await ingest(jwtClient(), 'ord_1')).status).toBe(200);
    expect(emulator.google.records().tokenRequests.map((r) => r.httpStatus)).toEqual([503, 200]);
  });

  it('surfaces an invalid_grant from the token endpoint as an error naming the OAuth error', async () => {
    emulator.google.tokenFaults.set({ next: 1, kind: 'token_invalid' });
    const error = await ingest(jwtClient(), 'ord_1').catch((e: any) => e);
    expect(String(error.message)).toContain('invalid_grant');
    expect(emulator.google.records().events).toHaveLength(0);
  });
});
