import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';

const PIXEL = '1234567890123456';
const TOKEN = 'good-meta-token';
const sha = (value: string) => createHash('sha256').update(value).digest('hex');

let emulator: Emulator;
beforeAll(async () => { emulator = await startEmulator({ meta: { accessTokens: [TOKEN], pixelIds: [PIXEL, '42'] } }); });
afterAll(async () => { await emulator.close(); });
beforeEach(() => emulator.reset());

const nowS = () => Math.floor(Date.now() / 1000);
const event = (eventId: string, name = 'Purchase', over: Record<string, unknown> = {}) => ({
  event_name: name, event_time: nowS() - 5, event_id: eventId, action_source: 'website', event_source_url: 'https://shop.example/thanks',
  user_data: { em: sha('john_smith@gmail.com'), client_ip_address: '203.0.113.9', client_user_agent: 'Mozilla/5.0', fbc: 'fb.1.1554763741205.IwAR_x', fbp: 'fb.1.1596403881668.1116446470' },
  custom_data: { value: 12.5, currency: 'EUR' },
  ...over,
});

async function post(url: string, body: unknown, init: { headers?: Record<string, string>; raw?: string } = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: init.raw ?? JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, json };
}

const send = (body: Record<string, unknown>, pixel = PIXEL) => post(emulator.meta.apiUrl(pixel), { access_token: TOKEN, ...body });

describe('Conversions API stand-in: success and records', () => {
  it('answers 200 { events_received, messages, fbtrace_id } at Meta\'s path and records compact events', async () => {
    expect(emulator.meta.apiUrl(PIXEL)).toBe(`${emulator.url}/v25.0/${PIXEL}/events`);
    const res = await send({ data: [event('ord_1'), event('ord_1_view', 'ViewContent', { data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: 1000 })], test_event_code: 'TEST123' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ events_received: 2, messages: [], fbtrace_id: expect.stringMatching(/^A[A-Za-z0-9_-]{22}$/) });
    expect(res.headers.get('x-fb-trace-id')).toBe(res.json.fbtrace_id);
    const records = emulator.meta.records();
    expect(records.events[0]).toMatchObject({
      pixelId: PIXEL, apiVersion: 'v25.0', event: 'Purchase', eventId: 'ord_1', testEventCode: 'TEST123', fbtraceId: res.json.fbtrace_id,
      actionSource: 'website', fbc: 'fb.1.1554763741205.IwAR_x', fbp: 'fb.1.1596403881668.1116446470', limitedDataUse: false,
      keys: { em: true, ph: false, client_ip_address: true, client_user_agent: true, fbc: true, fbp: true, external_id: false },
    });
    expect(records.events[0]!.body?.user_data.em).toBe(sha('john_smith@gmail.com'));
    expect(records.events[1]).toMatchObject({ event: 'ViewContent', limitedDataUse: true, lduCountry: 1, lduState: 1000 });
    expect(records.requests).toMatchObject([{ httpStatus: 200, code: 0, accepted: true, eventCount: 2, tokenSource: 'body', tokenInUrl: false, faulted: null }]);
    expect(JSON.stringify(records)).not.toContain(TOKEN);
    // TikTok's records are separate.
    expect(emulator.records().totals.requests).toBe(0);
  });

  it('counts acceptances per (pixel id, event_name, event_id) and lists duplicates', async () => {
    await send({ data: [event('a')] });
    await send({ data: [event('a')] });
    await send({ data: [event('a', 'Lead')] });
    await send({ data: [event('a')] }, '42');
    expect(emulator.meta.acceptances(PIXEL, 'Purchase', 'a')).toBe(2);
    expect(emulator.meta.acceptances(PIXEL, 'Lead', 'a')).toBe(1);
    expect(emulator.meta.acceptances('42', 'Purchase', 'a')).toBe(1);
    expect(emulator.meta.records({ summary: true })).toMatchObject({
      events: [], totals: { events: 4, uniqueKeys: 3, duplicateAcceptances: 1, acceptedRequests: 4 },
      duplicates: [{ pixelId: PIXEL, event: 'Purchase', eventId: 'a', count: 2 }],
    });
  });

  it('accepts the token as a form field, a bearer header or a query parameter, and records when it was in the URL', async () => {
    const form = new URLSearchParams({ access_token: TOKEN, data: JSON.stringify([event('f1')]), test_event_code: 'T' });
    const formRes = await fetch(emulator.meta.apiUrl(PIXEL), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(formRes.status).toBe(200);
    expect((await post(emulator.meta.apiUrl(PIXEL), { data: [event('h1')] }, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const inUrl = await post(`${emulator.meta.apiUrl(PIXEL)}?access_token=${TOKEN}`, { data: [event('q1')] });
    expect(inUrl.status).toBe(200);
    const requests = emulator.meta.records().requests;
    expect(requests.map((r) => [r.tokenSource, r.tokenInUrl])).toEqual([['form', false], ['header', false], ['query', true]]);
    expect(emulator.meta.records({ summary: true }).totals.tokenInUrl).toBe(1);
    expect(JSON.stringify(emulator.meta.records())).not.toContain(TOKEN);
  });
});

describe('Conversions API stand-in: Graph errors with real HTTP statuses', () => {
  it('validation: 400 with the whole Graph envelope, nothing accepted', async () => {
    const res = await send({ data: [event('ok'), event('bad', 'Purchase', { user_data: { em: 'john@example.com', client_user_agent: 'UA' } })] });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: {
      message: 'Invalid parameter', type: 'OAuthException', code: 100, is_transient: false, error_user_title: 'Invalid parameter',
      error_user_msg: expect.stringMatching(/^data\[1\]\.user_data\.em: Not hashed/), fbtrace_id: res.headers.get('x-fb-trace-id'),
    } });
    expect(res.text).not.toContain('john@example.com');
    expect(emulator.meta.records().events).toHaveLength(0);
    expect(emulator.meta.records().requests[0]).toMatchObject({ httpStatus: 400, code: 100, subcode: null, accepted: false });
  });

  it('the 7-day rule over HTTP: 400, 100 / 2804003, the whole request refused', async () => {
    const res = await send({ data: [event('fresh'), event('stale', 'Purchase', { event_time: nowS() - 8 * 86_400 })] });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 100, error_subcode: 2804003, error_user_title: 'Event Timestamp Too Old', is_transient: false });
    expect(emulator.meta.acceptances(PIXEL, 'Purchase', 'fresh')).toBe(0);
  });

  it.each([
    ['missing token', {}, 400, 104, undefined],
    ['unknown token', { access_token: 'other' }, 401, 190, undefined],
    ['expired-token', { access_token: 'expired-token' }, 401, 190, 463],
    ['invalid-token', { access_token: 'invalid-token' }, 401, 190, undefined],
    ['revoked-token', { access_token: 'revoked-token' }, 401, 190, 460],
    ['no-permission-token', { access_token: 'no-permission-token' }, 403, 200, undefined],
  ])('token: %s → HTTP %i, code %i', async (_name, auth, status, code, subcode) => {
    const res = await post(emulator.meta.apiUrl(PIXEL), { data: [event('t')], ...auth });
    expect(res.status).toBe(status);
    expect(res.json.error).toMatchObject({ type: 'OAuthException', code, is_transient: false });
    expect(res.json.error.error_subcode).toBe(subcode);
    if (code === 190) expect(res.headers.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_token"/);
    expect(emulator.meta.records().events).toHaveLength(0);
  });

  it('pixel: unknown or non-numeric id → 400, 100 / 33', async () => {
    for (const pixel of ['999', 'CPIXEL']) {
      const res = await send({ data: [event('p')] }, pixel);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: 100, error_subcode: 33, message: expect.stringContaining(`Object with ID '${pixel}' does not exist`) });
    }
  });

  it('path and method: any vNN.N is accepted, a malformed version, GET and a non-JSON content type are refused', async () => {
    expect((await send({ data: [event('v')] })).status).toBe(200);
    expect((await post(emulator.meta.apiUrl(PIXEL, 'v27.0'), { access_token: TOKEN, data: [event('v27')] })).status).toBe(200);
    expect(emulator.meta.records().events.map((e) => e.apiVersion)).toEqual(['v25.0', 'v27.0']);
    for (const version of ['v25', 'v25.0.1', 'vX']) {
      const res = await post(`${emulator.url}/${version}/${PIXEL}/events`, { access_token: TOKEN, data: [event('v')] });
      expect(res.status).toBe(400);
      expect(res.json.error.error_user_msg).toMatch(/^path: Invalid API version/);
    }
    expect((await post(`${emulator.url}/${PIXEL}/events`, { access_token: TOKEN, data: [event('v')] })).status).toBe(404);
    const get = await fetch(emulator.meta.apiUrl(PIXEL));
    expect(get.status).toBe(400);
    expect(((await get.json()) as any).error.error_user_msg).toMatch(/Unsupported GET request/);
    const text = await post(emulator.meta.apiUrl(PIXEL), null, { headers: { 'content-type': 'text/plain' }, raw: JSON.stringify({ access_token: TOKEN, data: [event('x')] }) });
    expect(text.json.error.error_user_msg).toMatch(/Content-Type/);
    const broken = await post(emulator.meta.apiUrl(PIXEL), null, { raw: '{"data":' });
    expect(broken.json.error.error_user_msg).toBe('body: Invalid JSON');
  });
});

describe('Conversions API stand-in: appsecret_proof', () => {
  const SECRET = 'app-secret-for-tests';
  let withSecret: Emulator;
  beforeAll(async () => { withSecret = await startEmulator({ meta: { appSecret: SECRET } }); });
  afterAll(async () => { await withSecret.close(); });

  it('requires HMAC-SHA256(app_secret, access_token) in hex when an app secret is configured', async () => {
    const url = withSecret.meta.apiUrl(PIXEL);
    const proof = createHmac('sha256', SECRET).update('any-token').digest('hex');
    const missing = await post(url, { access_token: 'any-token', data: [event('s')] });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ type: 'GraphMethodException', code: 100, message: expect.stringContaining('require an appsecret_proof') });
    const wrong = await post(url, { access_token: 'any-token', appsecret_proof: createHmac('sha256', 'other').update('any-token').digest('hex'), data: [event('s')] });
    expect(wrong.json.error.message).toMatch(/Invalid appsecret_proof/);
    const otherToken = await post(url, { access_token: 'another-token', appsecret_proof: proof, data: [event('s')] });
    expect(otherToken.status).toBe(400);
    const right = await post(url, { access_token: 'any-token', appsecret_proof: proof, data: [event('s')] });
    expect(right.status).toBe(200);
    expect(withSecret.meta.records().requests.map((r) => r.appsecretProof)).toEqual([false, true, true, true]);
    expect(JSON.stringify(withSecret.meta.records())).not.toContain(proof);
  });

  it('refuses misconfiguration at startup with a clear message', async () => {
    await expect(startEmulator({ meta: { appSecret: '' } })).rejects.toThrow(/meta.appSecret/);
    await expect(startEmulator({ meta: { pixelIds: ['CPIXEL'] } })).rejects.toThrow(/meta.pixelIds must be numeric/);
  });
});

describe('Conversions API stand-in: faults', () => {
  it.each([
    ['rate_limit', 429, 4, true],
    ['user_rate_limit', 429, 17, true],
    ['account_rate_limit', 429, 80003, true],
    ['transient', 503, 2, true],
    ['unknown_error', 500, 1, false],
    ['token_expired', 401, 190, false],
    ['token_invalid', 401, 190, false],
    ['no_permission', 403, 10, false],
  ] as const)('%s → HTTP %i, code %i, is_transient %s; nothing accepted', async (kind, status, code, transient) => {
    emulator.meta.faults.set({ next: 1, kind });
    const res = await send({ data: [event('f')] });
    expect(res.status).toBe(status);
    expect(res.json.error).toMatchObject({ code, is_transient: transient, fbtrace_id: expect.any(String) });
    expect(emulator.meta.records().requests[0]).toMatchObject({ faulted: kind, accepted: false, httpStatus: status, code });
    expect(emulator.meta.acceptances(PIXEL, 'Purchase', 'f')).toBe(0);
    expect((await send({ data: [event('f')] })).status).toBe(200);
  });

  it('5xx edge pages, resets, timeouts and slow answers', async () => {
    emulator.meta.faults.set({ next: 4, kinds: ['http_502', 'reset', 'timeout', 'slow'], delayMs: 30 });
    const edge = await send({ data: [event('e')] });
    expect(edge.status).toBe(502);
    expect(edge.json).toBeNull();
    await expect(send({ data: [event('e')] })).rejects.toThrow();
    await expect(send({ data: [event('e')] })).rejects.toThrow();
    expect((await send({ data: [event('e')] })).status).toBe(200);
    expect(emulator.meta.records().requests.map((r) => [r.faulted, r.accepted])).toEqual([['http_502', false], ['reset', false], ['timeout', false], ['slow', true]]);
    expect(emulator.meta.acceptances(PIXEL, 'Purchase', 'e')).toBe(1);
  });

  it('Meta faults never touch TikTok, and TikTok faults never touch Meta', async () => {
    emulator.meta.faults.set({ kind: 'transient' });
    const tiktok = await post(emulator.apiUrl, { event_source: 'web', event_source_id: 'TT1', data: [{ event: 'Purchase', event_time: nowS(), event_id: 'x', user: { ip: '203.0.113.1' } }] }, { headers: { 'access-token': 't' } });
    expect(tiktok.json).toMatchObject({ code: 0 });
    emulator.meta.faults.clear();
    emulator.faults.set({ kind: 'http_503' });
    expect((await send({ data: [event('x')] })).status).toBe(200);
    emulator.faults.clear();
  });

  it('steers Meta faults over HTTP with Meta\'s own kinds', async () => {
    const bad = await post(`${emulator.url}/__emulator/meta/faults`, { kind: 'sys_error' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/unknown kind "sys_error"; expected one of rate_limit, user_rate_limit/);
    expect((await post(`${emulator.url}/__emulator/meta/faults`, { next: 1, kind: 'rate_limit' })).json).toMatchObject({ ok: true, faults: { remaining: 1 } });
    expect(emulator.meta.faults.get()).toMatchObject({ kinds: ['rate_limit'], remaining: 1 });
    expect((await send({ data: [event('h')] })).status).toBe(429);
    await post(`${emulator.url}/__emulator/meta/faults`, { kind: 'transient' });
    await fetch(`${emulator.url}/__emulator/meta/faults`, { method: 'DELETE' });
    expect(emulator.meta.faults.get()).toBeNull();
  });
});

describe('Meta JSON API and reset', () => {
  it('serves records, events, requests and pixel calls; both resets forget Meta too', async () => {
    await send({ data: [event('j1'), event('j2')] });
    const events = await (await fetch(`${emulator.url}/__emulator/meta/events?event_id=j2`)).json();
    expect(events).toMatchObject([{ eventId: 'j2', pixelId: PIXEL }]);
    expect(await (await fetch(`${emulator.url}/__emulator/meta/requests?token_in_url=false`)).json()).toHaveLength(1);
    expect(((await (await fetch(`${emulator.url}/__emulator/meta/records?summary=1`)).json()) as any).totals).toMatchObject({ events: 2 });
    emulator.meta.faults.set({ kind: 'rate_limit' });
    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    expect(emulator.meta.records().events).toHaveLength(0);
    expect(emulator.meta.faults.get()).toBeNull();
    await send({ data: [event('j3')] });
    emulator.meta.faults.set({ kind: 'rate_limit' });
    emulator.reset();
    expect(emulator.meta.records({ summary: true }).totals.requests).toBe(0);
    expect(emulator.meta.faults.get()).toBeNull();
    await send({ data: [event('j4')] });
    await fetch(`${emulator.url}/__emulator/meta/reset`, { method: 'POST' });
    expect(emulator.meta.records().events).toHaveLength(0);
  });

  it('serves the fbq stub at its own and Meta\'s path, and its collector keeps only bounded, non-identity data', async () => {
    const script = await (await fetch(emulator.meta.pixelScriptUrl)).text();
    expect(emulator.meta.pixelScriptUrl).toBe(`${emulator.url}/meta/fbevents.js`);
    expect(script).toContain(JSON.stringify(`${emulator.url}/meta/collect`));
    expect(await (await fetch(`${emulator.url}/en_US/fbevents.js`)).text()).toBe(script);
    const call = {
      callId: 'p-1', pixelId: PIXEL, method: 'track', event: 'Purchase', eventId: 'ord_9', status: 'sent', consent: 'granted',
      properties: { value: 1, email: 'alice@example.com', note: 'x'.repeat(5000), nested: { contact: 'bob@example.com' } },
      advancedMatching: { em: 'plain', ph: 'alice@example.com' }, fbp: 'fb.1.1596403881668.1', time: 1,
    };
    const ok = await fetch(`${emulator.url}/meta/collect`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(call) });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const bad = await fetch(`${emulator.url}/meta/collect`, { method: 'POST', body: JSON.stringify({ method: 'track', status: 'maybe' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, error: 'status: expected sent, held, dropped or recorded' });
    const [recorded] = emulator.meta.records().pixel;
    expect(recorded).toMatchObject({ pixelId: PIXEL, event: 'Purchase', eventId: 'ord_9', status: 'sent', advancedMatching: { em: 'plain' }, fbp: 'fb.1.1596403881668.1' });
    expect(recorded!.properties).toMatchObject({ value: 1, email: '[redacted]', nested: { contact: '[redacted]' } });
    expect((recorded!.properties!.note as string).length).toBe(2048);
    expect(JSON.stringify(emulator.meta.records())).not.toMatch(/alice@|bob@/);
    expect(await (await fetch(`${emulator.url}/__emulator/meta/pixel?event_id=ord_9`)).json()).toHaveLength(1);
  });
});
