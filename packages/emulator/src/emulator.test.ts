import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator.js';

let emulator: Emulator;
beforeAll(async () => { emulator = await startEmulator({ accessTokens: ['good-token'], pixelIds: ['PIX1', 'PIX2'] }); });
afterAll(async () => { await emulator.close(); });
beforeEach(() => emulator.reset());

const event = (eventId: string, name = 'Purchase') => ({ event: name, event_time: Math.floor(Date.now() / 1000), event_id: eventId, user: { ip: '203.0.113.1', user_agent: 'UA', ttclid: 'E.C.P.x' } });
const body = (events: unknown[], pixel = 'PIX1') => ({ event_source: 'web', event_source_id: pixel, test_event_code: 'T1', data: events });

async function post(payload: unknown, headers: Record<string, string> = { 'access-token': 'good-token' }) {
  const res = await fetch(emulator.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
  const text = await res.text();
  return { status: res.status, text, json: (() => { try { return JSON.parse(text); } catch { return null; } })() };
}

describe('Events API endpoint', () => {
  it('accepts a valid request like TikTok and records it', async () => {
    const res = await post(body([event('ord_1_complete_payment'), event('ord_2_complete_payment')]));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 0, message: 'OK', data: {} });
    expect(res.json.request_id).toMatch(/^\d{14}[0-9A-F]{18}$/);
    const records = emulator.records();
    expect(records.events.map((e) => e.eventId)).toEqual(['ord_1_complete_payment', 'ord_2_complete_payment']);
    expect(records.events[0]).toMatchObject({ pixelId: 'PIX1', testEventCode: 'T1', requestId: res.json.request_id, keys: { ip: true, user_agent: true, ttclid: true, email: false } });
    expect(records.requests[0]).toMatchObject({ code: 0, accepted: true, eventCount: 2, faulted: null });
    expect(emulator.acceptances('PIX1', 'Purchase', 'ord_1_complete_payment')).toBe(1);
  });

  it('counts repeat acceptances per (pixel, event, event_id)', async () => {
    await post(body([event('a')]));
    await post(body([event('a')]));
    await post(body([event('a', 'Lead')]));
    await post(body([event('a')], 'PIX2'));
    expect(emulator.acceptances('PIX1', 'Purchase', 'a')).toBe(2);
    expect(emulator.acceptances('PIX1', 'Lead', 'a')).toBe(1);
    expect(emulator.records({ summary: true })).toMatchObject({
      events: [], totals: { events: 4, uniqueKeys: 3, duplicateAcceptances: 1 },
      duplicates: [{ pixelId: 'PIX1', event: 'Purchase', eventId: 'a', count: 2 }],
    });
  });

  it('answers token problems with TikTok codes and never records the token', async () => {
    expect((await post(body([event('a')]), {})).json).toMatchObject({ code: 40104 });
    expect((await post(body([event('a')]), { 'access-token': 'other' })).json).toMatchObject({ code: 40105 });
    expect((await post(body([event('a')]), { 'access-token': 'expired-token' })).json).toMatchObject({ code: 40102 });
    const records = emulator.records();
    expect(records.events).toHaveLength(0);
    expect(JSON.stringify(records)).not.toContain('good-token');
    expect(JSON.stringify(records)).not.toContain('other');
  });

  it('rejects an unknown pixel with 40001 and a bad body with 40002 naming the path', async () => {
    expect((await post(body([event('a')], 'NOPE'))).json).toMatchObject({ code: 40001 });
    const bad = await post(body([event('a'), { ...event('b'), event_time: Date.now() }]));
    expect(bad.json).toMatchObject({ code: 40002, message: expect.stringMatching(/^data\.1\.event_time: /) });
    expect(emulator.records().events).toHaveLength(0);
  });

  it('rejects malformed JSON and a non-JSON content type', async () => {
    const res = await fetch(emulator.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'access-token': 'good-token' }, body: '{"event_source":' });
    expect(await res.json()).toMatchObject({ code: 40002, message: 'body: Invalid JSON' });
    const form = await fetch(emulator.apiUrl, { method: 'POST', headers: { 'content-type': 'text/plain', 'access-token': 'good-token' }, body: JSON.stringify(body([event('a')])) });
    expect(await form.json()).toMatchObject({ code: 40002, message: expect.stringContaining('Content-Type') });
  });

  it('serves the JSON API', async () => {
    await post(body([event('x1'), event('x2')]));
    const events = await (await fetch(`${emulator.url}/__emulator/events?event_id=x2`)).json();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: 'x2', pixelId: 'PIX1' });
    const requests = await (await fetch(`${emulator.url}/__emulator/requests`)).json();
    expect(requests).toMatchObject([{ code: 0, eventCount: 2 }]);
    const health = await (await fetch(`${emulator.url}/__emulator/health`)).json();
    expect(health).toMatchObject({ ok: true, totals: { events: 2 } });
    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    expect(emulator.records().events).toHaveLength(0);
  });

  it('answers 404 for the path without its trailing slash', async () => {
    const res = await fetch(emulator.apiUrl.slice(0, -1), { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('serves the pixel stub pointed at its own collector, records pixel calls, and pairs them', async () => {
    const script = await (await fetch(emulator.pixelScriptUrl)).text();
    expect(script).toContain(JSON.stringify(`${emulator.url}/pixel/collect`));
    const atTikTokPath = await fetch(`${emulator.url}/i18n/pixel/events.js?sdkid=PIX1&lib=ttq`);
    expect(await atTikTokPath.text()).toBe(script);
    const call = { callId: 'c1', pixelId: 'PIX1', method: 'track', event: 'Purchase', eventId: 'ord_9', status: 'sent', consent: 'granted', identity: { email: 'hashed', bogus: 'x' }, url: 'https://shop.example/thanks', time: 1 };
    const collect = await fetch(`${emulator.url}/pixel/collect`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://shop.example' }, body: JSON.stringify(call) });
    expect(collect.status).toBe(204);
    expect(collect.headers.get('access-control-allow-origin')).toBe('*');
    const bad = await fetch(`${emulator.url}/pixel/collect`, { method: 'POST', body: JSON.stringify({ method: 'track', status: 'maybe' }) });
    expect(bad.status).toBe(400);
    const pixel = await (await fetch(`${emulator.url}/__emulator/pixel?event_id=ord_9`)).json();
    expect(pixel).toMatchObject([{ pixelId: 'PIX1', event: 'Purchase', eventId: 'ord_9', status: 'sent', identity: { email: 'hashed' } }]);
    expect(pixel[0].identity).not.toHaveProperty('bogus');
    await post(body([event('ord_9')]));
    expect(emulator.pairs().pairs[0]).toMatchObject({ eventId: 'ord_9', pixel: { status: 'sent' }, server: { count: 1 } });
    const pairs = await (await fetch(`${emulator.url}/__emulator/pairs`)).json();
    expect(pairs.pairs).toMatchObject([{ event: 'Purchase', eventId: 'ord_9', withinMergeWindow: true, warnings: [{ code: 'no_strong_key' }] }]);
  });
});
