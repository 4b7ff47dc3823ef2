import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFaults, parseFaultSpec } from './faults.js';
import { startEmulator, type Emulator } from './emulator.js';

describe('fault selection', () => {
  it('faults exactly the next N requests, cycling through kinds', () => {
    const faults = createFaults();
    faults.set({ next: 3, kinds: ['http_503', 'reset'] });
    expect([faults.pick()?.kind, faults.pick()?.kind, faults.pick()?.kind, faults.pick()]).toEqual(['http_503', 'reset', 'http_503', null]);
    expect(faults.get()).toBeNull();
  });

  it('faults about `rate` of requests, replayably with a seed', () => {
    const faults = createFaults();
    const draw = () => {
      faults.set({ rate: 0.3, kinds: ['rate_limit', 'http_503'], seed: 42 });
      return Array.from({ length: 2000 }, () => faults.pick()?.kind ?? null);
    };
    const first = draw();
    const share = first.filter((k) => k !== null).length / first.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(new Set(first)).toEqual(new Set([null, 'rate_limit', 'http_503']));
    expect(draw()).toEqual(first);
  });

  it('rejects malformed specs with a message naming the field', () => {
    expect(() => parseFaultSpec({ kind: 'boom' })).toThrow(/kinds\.0: unknown kind "boom"/);
    expect(() => parseFaultSpec({ kind: 'reset', rate: 2 })).toThrow(/rate/);
    expect(() => parseFaultSpec({ kind: 'reset', next: 0 })).toThrow(/next/);
    expect(() => parseFaultSpec({ kind: 'reset', often: true })).toThrow(/often: unknown field/);
  });
});

describe('fault injection over HTTP', () => {
  let emulator: Emulator;
  beforeAll(async () => { emulator = await startEmulator(); });
  afterAll(async () => { await emulator.close(); });
  beforeEach(() => emulator.reset());

  const payload = JSON.stringify({ event_source: 'web', event_source_id: 'P', data: [{ event: 'Lead', event_time: 1776943380, event_id: 'lead_1' }] });
  const send = (signal?: AbortSignal) => fetch(emulator.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'access-token': 't' }, body: payload, signal });

  it('answers rate limits and token errors as TikTok does, without accepting events', async () => {
    emulator.faults.set({ next: 2, kinds: ['rate_limit', 'token_expired'] });
    expect(await (await send()).json()).toMatchObject({ code: 40100, message: 'Too many requests. Please retry in some time.' });
    expect(await (await send()).json()).toMatchObject({ code: 40102 });
    expect(await (await send()).json()).toMatchObject({ code: 0 });
    const records = emulator.records();
    expect(records.events).toHaveLength(1);
    expect(records.requests.map((r) => r.faulted)).toEqual(['rate_limit', 'token_expired', null]);
    expect(records.totals).toMatchObject({ faultedRequests: 2, acceptedRequests: 1 });
  });

  it('answers HTTP 503 with an nginx HTML page', async () => {
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ next: 1, kind: 'http_503' }) });
    const res = await send();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<center>nginx</center>');
    expect(emulator.records().events).toHaveLength(0);
  });

  it('resets the connection', async () => {
    emulator.faults.set({ next: 1, kind: 'reset' });
    await expect(send()).rejects.toThrow();
    expect(emulator.records().requests[0]).toMatchObject({ faulted: 'reset', accepted: false });
  });

  it('holds a timeout request until the client gives up, and accepts nothing', async () => {
    emulator.faults.set({ next: 1, kind: 'timeout', delayMs: 5000 });
    await expect(send(AbortSignal.timeout(100))).rejects.toThrow();
    expect(emulator.records().events).toHaveLength(0);
  });

  it('delays a slow answer and then accepts normally', async () => {
    emulator.faults.set({ next: 1, kind: 'slow', delayMs: 150 });
    const started = Date.now();
    expect(await (await send()).json()).toMatchObject({ code: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(emulator.records().requests[0]).toMatchObject({ faulted: 'slow', accepted: true });
  });

  it('rejects a bad spec over HTTP with 400, and clears with DELETE', async () => {
    const bad = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'nope' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unknown kind/);
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'http_502' }) });
    expect((await send()).status).toBe(502);
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    expect((await send()).status).toBe(200);
  });
});
