/**
 * Finding 6 as a class: a hostile page (replaced built-ins, a throwing ttq, createElement or
 * addEventListener) never gets an exception from the tag, every public entry still answers,
 * and each init step costs only itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Api, freshApi, nextTask, queuedCalls, recordingTtq, resetPage } from './test-helpers.js';

const w = window as any;
const restore: Array<() => void> = [];
/** Replaces `obj[key]` for this test only. */
function replace(obj: any, key: PropertyKey, value: unknown): void {
  const before = Object.getOwnPropertyDescriptor(obj, key);
  // recorded first: once Array.prototype.push is replaced, this list cannot grow
  restore.push(() => (before ? Object.defineProperty(obj, key, before) : delete obj[key]));
  Object.defineProperty(obj, key, { value, configurable: true, writable: true });
}
const boom = () => {
  throw new Error('hostile page');
};

beforeEach(() => resetPage('https://shop.example.com/?ttclid=E.C.P.hostile'));
afterEach(() => {
  for (const undo of restore.splice(0).reverse()) undo();
});

/** Calls every public entry with ordinary arguments; returns what each answered. */
function everyEntry(api: Api, form: HTMLFormElement) {
  return {
    track: api.track('ViewContent', { value: 1 }),
    page: api.page(),
    identify: api.identify({ email: 'a@example.com' }),
    consent: api.consent(),
    context: api.context(),
    withContext: api.withContext({ sku: 'SKU-1' }),
    addContextFields: api.addContextFields(form),
    beacon: api.beacon({ event: 'Lead', eventId: 'lead_1' }, '/collect'),
    listenTcf: api.listenTcf(),
    listenConsentMode: api.listenConsentMode(),
    orderEventId: api.orderEventId(10),
    cartEventId: api.cartEventId('c1', 'AddToCart'),
    leadEventId: api.leadEventId('l1'),
    eventId: api.eventId('order', 10, 'Purchase'),
  };
}

describe('built-ins the page replaced', () => {
  it('Array.prototype.push that throws, consent held: track and page answer on every call, and the held calls still go out', async () => {
    const calls = recordingTtq();
    const api = await freshApi();
    api.init({ consent: 'manual' });
    replace(Array.prototype, 'push', boom);
    const ids: string[] = [];
    let thrown: unknown;
    // no expect() while push is broken: the test runner needs it too
    try {
      for (let i = 0; i < 1000; i++) {
        ids[i] = api.track('ViewContent', {}, { eventId: 'view_' + i });
        api.page();
      }
    } catch (e) {
      thrown = e;
    }
    restore.pop()!();
    expect(thrown).toBeUndefined();
    api.consent({ adUserData: 'granted' });
    expect(ids.slice(0, 2)).toEqual(['view_0', 'view_1']);
    expect(new Set(ids).size).toBe(1000);
    // 100 held (the bound), released in order after the grant
    expect(calls.slice(1, 3)).toEqual([['grantConsent'], ['track', 'ViewContent', {}, { event_id: 'view_0' }]]);
    expect(calls).toHaveLength(102);
  });

  it('Array.prototype.push that throws before the tag loads: the base-code stub still queues', async () => {
    const api = await freshApi();
    replace(Array.prototype, 'push', boom);
    let id = '';
    let thrown: unknown;
    try {
      api.init({ pixelId: 'C1' });
      id = api.track('Lead');
    } catch (e) {
      thrown = e;
    }
    restore.pop()!();
    expect(thrown).toBeUndefined();
    expect(queuedCalls()).toEqual([['page'], ['track', 'Lead', {}, { event_id: id }]]);
  });

  it('Date.prototype.toISOString that throws: context(), withContext() and consent() still answer', async () => {
    const api = await freshApi();
    api.init({ consent: 'manual' });
    replace(Date.prototype, 'toISOString', boom);
    const captured = api.context();
    expect(captured).toMatchObject({ ttclid: 'E.C.P.hostile', page: { url: 'https://shop.example.com/?ttclid=E.C.P.hostile' } });
    expect(Number.isNaN(Date.parse(captured.capturedAt))).toBe(false);
    expect(captured.capturedAt.length).toBeLessThanOrEqual(40);
    expect(api.withContext({ sku: 'SKU-1' })).toMatchObject({ sku: 'SKU-1', pixelpair: { ttclid: 'E.C.P.hostile' } });
    expect(api.consent({ adUserData: 'granted' })).toMatchObject({ adUserData: 'granted' });
  });

  it('every entry answers with Array and Date methods broken at once', async () => {
    const api = await freshApi();
    api.init({ pixelId: 'C1', consent: 'manual,tcf,gcm', spa: true });
    const form = document.body.appendChild(document.createElement('form'));
    replace(Date.prototype, 'toISOString', boom);
    // push last: replace() records its undo with push
    for (const key of ['forEach', 'map', 'slice', 'includes', 'join', 'push']) replace(Array.prototype, key, boom);
    let answers: ReturnType<typeof everyEntry> | undefined;
    let thrown: unknown;
    // no expect() while the built-ins are broken: the test runner needs them too
    try {
      answers = everyEntry(api, form);
    } catch (e) {
      thrown = e;
    }
    for (let i = restore.length - 1; i >= 0; i--) restore[i]!();
    restore.length = 0;
    expect(thrown).toBeUndefined();
    expect(answers!.track).toMatch(/^evt_/);
    expect(answers!.orderEventId).toBe('ord_10_complete_payment');
    expect(answers!.context.ttclid).toBe('E.C.P.hostile');
    expect(answers!.withContext).toMatchObject({ sku: 'SKU-1', pixelpair: { ttclid: 'E.C.P.hostile' } });
    expect(answers!.beacon).toBe(false);
  });

  it('hostile arguments: getters that throw, null, a Proxy', async () => {
    const api = await freshApi();
    api.init({});
    const hostile = new Proxy({}, { get: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, has: boom });
    expect(() => {
      expect(api.track('X', hostile as any, hostile as any)).toMatch(/^evt_/);
      api.identify(hostile as any);
      api.consent(hostile as any);
      expect(api.withContext(hostile as any)).toBe(hostile);
      api.addContextFields(hostile as any);
      expect(api.beacon(hostile as any)).toBe(false);
      expect(api.orderEventId(hostile as any)).toMatch(/^evt_/);
      api.consent(null as any);
      api.identify(null as any);
    }).not.toThrow();
  });
});

describe('init: each step costs only itself', () => {
  it('a ttq that throws on every access: the click id is still captured, the first page view held and later released', async () => {
    const calls = recordingTtq();
    const good = w.ttq;
    let hostile = true;
    Object.defineProperty(window, 'ttq', { configurable: true, get: () => (hostile ? boom() : good), set: boom });
    restore.push(() => Object.defineProperty(window, 'ttq', { value: undefined, configurable: true, writable: true }));
    const api = await freshApi();
    expect(() => api.init({ pixelId: 'C1', consent: 'manual', spa: true })).not.toThrow();
    expect(api.context().ttclid).toBe('E.C.P.hostile');
    history.pushState({}, '', '/products/1');
    await nextTask();
    hostile = false;
    api.consent({ adUserData: 'granted' });
    expect(calls.map((c) => c[0])).toEqual(['grantConsent', 'page', 'page']);
  });

  it('a throwing document.createElement: the base-code queue, the first page view, the click id and the SPA watcher', async () => {
    replace(document, 'createElement', boom);
    const api = await freshApi();
    api.init({ pixelId: 'C1', spa: true });
    await nextTask();
    history.pushState({}, '', '/products/2');
    await nextTask();
    expect(queuedCalls()).toEqual([['page'], ['page']]);
    expect(w.ttq._i.C1).toBeDefined();
    expect(api.context().ttclid).toBe('E.C.P.hostile');
    expect(document.cookie).toContain('ttclid=E.C.P.hostile');
  });

  it('a throwing addEventListener: the click id, the first page view, the consent hold and the SPA route watcher', async () => {
    replace(globalThis, 'addEventListener', boom);
    replace(EventTarget.prototype, 'addEventListener', boom);
    const calls = recordingTtq();
    const api = await freshApi();
    api.init({ pixelId: 'C1', consent: 'tcf', spa: true });
    history.pushState({}, '', '/products/3');
    await nextTask();
    expect(api.context().ttclid).toBe('E.C.P.hostile');
    api.consent({ adUserData: 'granted' });
    // the first page view and the route change's, released together
    expect(calls.map((c) => c[0])).toEqual(['holdConsent', 'grantConsent', 'page', 'page']);
  });
});
