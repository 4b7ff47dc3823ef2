/**
 * A backend's side of the Meta and Google pairs, for emulator-level tests: Conversions API and
 * Data Manager requests with the bodies a server sends (hashed identifiers, Meta's phone without
 * `+`, Google's with it), over HTTP to the stand-in. Outside src/: never built or shipped.
 */
import { createHash, createSign } from 'node:crypto';
import type { Emulator } from '../src/emulator.js';
import { DATAMANAGER_SCOPE, GOOGLE_TOKEN_URL } from '../src/google/assertion.js';

export const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
export const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';
export const IP = '203.0.113.24';

async function answer(res: Response): Promise<any> {
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text}`);
  return JSON.parse(text);
}

/** `POST /v25.0/{pixel_id}/events` with the token in the body, as pixelpair's server sends it. */
export async function sendMeta(emulator: Emulator, pixelId: string, data: unknown[], testEventCode?: string): Promise<any> {
  const body = { data, ...(testEventCode ? { test_event_code: testEventCode } : {}), access_token: 'meta-token' };
  return answer(await fetch(emulator.meta.apiUrl(pixelId), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

/** One Conversions API website event; `user_data` is added to the IP and user agent every web event needs. */
export function metaEvent(name: string, eventId: string, url: string, user: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_name: name, event_time: Math.floor(Date.now() / 1000), event_id: eventId, action_source: 'website', event_source_url: url,
    user_data: { client_ip_address: IP, client_user_agent: UA, ...user }, ...extra,
  };
}

/** A bearer token from the stand-in's token endpoint, for an assertion signed as google-auth-library signs it. */
export async function googleToken(emulator: Emulator): Promise<string> {
  const key = emulator.google.serviceAccountKey();
  const now = Math.floor(Date.now() / 1000);
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id })}.${part({ iss: key.client_email, scope: DATAMANAGER_SCOPE, aud: GOOGLE_TOKEN_URL, iat: now, exp: now + 3600 })}`;
  const assertion = `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key.private_key).toString('base64url')}`;
  const res = await fetch(emulator.google.tokenUrl, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  return (await answer(res)).access_token;
}

/** `POST /v1/events:ingest` to one conversion action of one Google Ads account. */
export async function sendGoogle(
  emulator: Emulator, token: string, account: string, conversionAction: string, events: unknown[], extra: Record<string, unknown> = {},
): Promise<any> {
  const body = { destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: account }, productDestinationId: conversionAction }], encoding: 'HEX', events, ...extra };
  return answer(await fetch(emulator.google.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }));
}

/** One Data Manager conversion with consent granted; pass `extra` to change consent, identifiers or click ids. */
export function googleEvent(transactionId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    transactionId, eventTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), eventSource: 'WEB', conversionValue: 42.5, currency: 'EUR',
    userData: { userIdentifiers: [{ emailAddress: sha('cloudysanfrancisco@gmail.com') }, { phoneNumber: sha('+18005550100') }] },
    adIdentifiers: { gclid: 'EAIaIQobChMI_gclid' },
    eventDeviceInfo: { userAgent: UA, ipAddress: IP },
    consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' },
    ...extra,
  };
}
