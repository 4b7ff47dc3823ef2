import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator.js';
import { googleTagSnippet, type GoogleTagSnippetOptions } from './snippet.js';
import { gtagScript } from './stub-script.js';

/** A minimal browser: location, cookies, fetch capture and a timer queue we run by hand (no real time). */
function fakeBrowser(href = 'https://shop.example/landing?gclid=EAIaIQobChMI_gclid') {
  const posted: any[] = [];
  const jar = new Map<string, string>();
  const timers: Array<() => void> = [];
  const document = {
    referrer: 'https://www.google.com/',
    get cookie() { return [...jar].map(([k, v]) => `${k}=${v}`).join('; '); },
    set cookie(value: string) { const pair = value.split(';')[0]!; const i = pair.indexOf('='); jar.set(pair.slice(0, i), pair.slice(i + 1)); },
    createElement: () => ({}),
    getElementsByTagName: () => [{ parentNode: { insertBefore: () => undefined } }],
  };
  const window: any = {
    document, location: { href },
    fetch: (url: string, init: { body: string; keepalive: boolean }) => { posted.push({ ...JSON.parse(init.body), to: url, keepalive: init.keepalive }); return Promise.resolve({}); },
    setTimeout: (fn: () => void) => { timers.push(fn); return timers.length; },
    navigator: {},
  };
  window.window = window;
  const context = vm.createContext(window);
  return {
    window, posted, jar,
    run: (code: string) => vm.runInContext(code, context),
    runTimers: () => { while (timers.length) timers.shift()!(); },
  };
}

const COLLECT = 'http://127.0.0.1:9/google/collect';
const SCRIPT = gtagScript(COLLECT);
const TAG = 'AW-123456789';
const conversion = (tid: string, extra = '') => `gtag('event', 'conversion', { send_to: '${TAG}/AbC-D_efG', transaction_id: ${JSON.stringify(tid)}, value: 42.5, currency: 'EUR'${extra} });`;

function withSnippet(options: Partial<GoogleTagSnippetOptions> = {}) {
  const b = fakeBrowser();
  b.run(googleTagSnippet(TAG, { scriptUrl: 'http://127.0.0.1:9/google/gtag.js', ...options }));
  return b;
}

describe('gtag stub', () => {
  it('runs the queued arguments objects, then later gtag() calls, and records conversions with transaction_id', () => {
    const b = withSnippet();
    b.run(conversion('ord_10492'));
    b.run(SCRIPT);
    b.run(conversion('ord_10493'));
    expect(b.posted.map((c) => [c.command, c.tagId, c.transactionId, c.status])).toEqual([
      ['js', null, null, 'recorded'],
      ['config', TAG, null, 'recorded'],
      ['event', TAG, 'ord_10492', 'sent'],
      ['event', TAG, 'ord_10493', 'sent'],
    ]);
    expect(b.posted[3]).toMatchObject({
      to: COLLECT, keepalive: true, event: 'conversion', conversion: true, sendTo: `${TAG}/AbC-D_efG`, label: 'AbC-D_efG', value: 42.5, currency: 'EUR',
      transactionIdType: 'string', configured: true, url: 'https://shop.example/landing?gclid=EAIaIQobChMI_gclid',
      consent: { ad_storage: null, ad_user_data: null, ad_personalization: null, analytics_storage: null },
    });
    expect(b.window.__pixelpairGtag.calls).toHaveLength(4);
    expect(b.window.dataLayer).toHaveLength(4);
  });

  it('ignores arrays and plain objects pushed to dataLayer, as gtag.js does, and records that it did', () => {
    const b = withSnippet();
    b.run(SCRIPT);
    b.run(`dataLayer.push(['event', 'conversion', { transaction_id: 'ord_array' }]); dataLayer.push({ event: 'gtm.dom' });`);
    expect(b.posted.slice(-2).map((c) => [c.command, c.status, c.event, c.transactionId])).toEqual([['ignored', 'ignored', 'event', null], ['push', 'recorded', 'gtm.dom', null]]);
  });

  it('keeps the consent state the tag saw: denied ad_storage still pings, cookieless; an update changes later calls', () => {
    const b = withSnippet({ consentDefault: { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' } });
    b.run(SCRIPT);
    b.run(conversion('ord_1'));
    b.run(`gtag('consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'denied' });`);
    b.run(conversion('ord_2'));
    const [consentDefault] = b.posted;
    expect(consentDefault).toMatchObject({ command: 'consent', event: 'default', consentArgs: { ad_storage: 'denied', ad_user_data: 'denied' } });
    const events = b.posted.filter((c) => c.command === 'event');
    expect(events.map((c) => [c.transactionId, c.status, c.consent.ad_storage, c.consent.ad_user_data, c.consent.ad_personalization])).toEqual([
      ['ord_1', 'cookieless', 'denied', 'denied', 'denied'],
      ['ord_2', 'sent', 'granted', 'granted', 'denied'],
    ]);
  });

  it('writes _gcl_aw from the landing gclid only while ad_storage allows it', () => {
    const denied = withSnippet({ consentDefault: { ad_storage: 'denied' } });
    denied.run(SCRIPT);
    expect(denied.jar.has('_gcl_aw')).toBe(false);
    denied.run(`gtag('consent', 'update', { ad_storage: 'granted' });`);
    expect(denied.jar.get('_gcl_aw')).toMatch(/^GCL\.\d{10}\.EAIaIQobChMI_gclid$/);
    const granted = withSnippet();
    granted.run(SCRIPT);
    expect(granted.jar.get('_gcl_aw')).toMatch(/EAIaIQobChMI_gclid$/);
    granted.run(conversion('ord_1'));
    expect(granted.posted.at(-1).gclAw).toBe(true);
  });

  it('holds hits during wait_for_update and releases them with the updated consent, or the default after the wait', () => {
    const b = withSnippet({ consentDefault: { ad_storage: 'denied', ad_user_data: 'denied', wait_for_update: 500 } });
    b.run(SCRIPT);
    b.run(conversion('ord_wait'));
    expect(b.posted.at(-1)).toMatchObject({ transactionId: 'ord_wait', status: 'held' });
    b.run(`gtag('consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted' });`);
    const released = b.posted.at(-1);
    expect(released).toMatchObject({ transactionId: 'ord_wait', status: 'sent', released: true, consent: { ad_user_data: 'granted' } });
    expect(released.callId).toBe(b.posted.find((c) => c.status === 'held').callId);

    const timedOut = withSnippet({ consentDefault: { ad_storage: 'denied', wait_for_update: 500 } });
    timedOut.run(SCRIPT);
    timedOut.run(conversion('ord_late'));
    timedOut.runTimers();
    expect(timedOut.posted.at(-1)).toMatchObject({ transactionId: 'ord_late', status: 'cookieless', released: true });
  });

  it('applies a region default only in that region, and lets it win over a general default', () => {
    const regional = `gtag('consent', 'default', { ad_storage: 'denied', region: ['ES', 'FR'] }); gtag('consent', 'default', { ad_storage: 'granted' });`;
    const inSpain = fakeBrowser();
    inSpain.run(`window.dataLayer = []; window.gtag = function () { dataLayer.push(arguments); }; ${regional}`);
    inSpain.run(gtagScript(COLLECT, { region: 'ES' }));
    inSpain.run(conversion('ord_es'));
    expect(inSpain.posted.at(-1)).toMatchObject({ status: 'cookieless', consent: { ad_storage: 'denied' } });
    const elsewhere = fakeBrowser();
    elsewhere.run(`window.dataLayer = []; window.gtag = function () { dataLayer.push(arguments); }; ${regional}`);
    elsewhere.run(gtagScript(COLLECT, { region: 'US' }));
    elsewhere.run(conversion('ord_us'));
    expect(elsewhere.posted.at(-1)).toMatchObject({ status: 'sent', consent: { ad_storage: 'granted' } });
  });

  it('never lets identity values leave the page', () => {
    const b = withSnippet();
    b.run(SCRIPT);
    b.run(`gtag('set', 'user_data', { email: 'alice@example.com', phone_number: '+18005550100', sha256_email_address: '${'a'.repeat(64)}' });`);
    b.run(conversion('ord_1', `, user_data: { email: 'bob@example.com' }, email: 'carol@example.com', items: [{ id: 'sku-1' }]`));
    const text = JSON.stringify(b.posted);
    for (const value of ['alice@example.com', '+18005550100', 'bob@example.com', 'carol@example.com']) expect(text).not.toContain(value);
    expect(b.posted.at(-1)).toMatchObject({ identity: { email: 'plain', phone_number: 'plain' }, params: { email: '[redacted]', user_data: '[redacted]', items: [{ id: 'sku-1' }] } });
  });

  it('records a numeric transaction_id as its string, with the type, so a test can see the mismatch', () => {
    const b = withSnippet();
    b.run(SCRIPT);
    b.run(`gtag('event', 'conversion', { send_to: '${TAG}/x', transaction_id: 10492 });`);
    expect(b.posted.at(-1)).toMatchObject({ transactionId: '10492', transactionIdType: 'number' });
  });

  it('records one call per send_to target, marks targets never configured, and calls event_callback', () => {
    const b = withSnippet();
    b.run(SCRIPT);
    b.run(`window.done = 0; gtag('event', 'conversion', { send_to: ['${TAG}/a', 'AW-999/b'], transaction_id: 't1', event_callback: function () { window.done++; } });`);
    expect(b.posted.slice(-2).map((c) => [c.sendTo, c.configured])).toEqual([[`${TAG}/a`, true], ['AW-999/b', false]]);
    b.runTimers();
    expect(b.window.done).toBe(1);
  });

  it('never throws into the page: broken cookies, a failing fetch, odd arguments, a second copy', () => {
    const b = withSnippet();
    Object.defineProperty(b.window.document, 'cookie', { get() { throw new Error('SecurityError'); }, set() { throw new Error('SecurityError'); } });
    b.window.fetch = () => { throw new Error('offline'); };
    expect(() => b.run(SCRIPT)).not.toThrow();
    expect(() => b.run(`gtag(); gtag('event'); gtag('consent', 'update', null); gtag('config'); gtag('set', 42); gtag('event', 'conversion', 'nope'); gtag({});`)).not.toThrow();
    expect(() => b.run(SCRIPT)).not.toThrow();
    expect(b.window.__pixelpairGtag.calls.length).toBeGreaterThan(5);
    expect(b.window.dataLayer.length).toBeGreaterThan(8);
  });
});

describe('gtag stub over HTTP', () => {
  let emulator: Emulator;
  beforeAll(async () => { emulator = await startEmulator(); });
  afterAll(async () => { await emulator.close(); });

  it('serves the stub pointed at its own collector, at its path and Google\'s', async () => {
    const script = await (await fetch(emulator.google.gtagScriptUrl)).text();
    expect(script).toContain(JSON.stringify(`${emulator.url}/google/collect`));
    expect(await (await fetch(`${emulator.url}/gtag/js?id=${TAG}`)).text()).toBe(script);
    expect(await (await fetch(`${emulator.url}/gtag/js?id=${TAG}&region=ES&l=myLayer`)).text()).toContain('"ES", "myLayer"');
  });

  it('collects validated calls, pairs them by transaction id with server copies, and refuses bad shapes', async () => {
    const call = { callId: 'c1', command: 'event', event: 'conversion', tagId: TAG, sendTo: `${TAG}/x`, conversion: true, transactionId: 'ord_9', transactionIdType: 'string', status: 'cookieless', consent: { ad_storage: 'denied', ad_user_data: 'maybe' }, identity: { email: 'plain', bogus: 'x' }, params: { email: 'alice@example.com' }, url: 'https://shop.example/thanks', time: 1 };
    const res = await fetch(`${emulator.url}/google/collect`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://shop.example' }, body: JSON.stringify(call) });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${emulator.url}/google/collect`, { method: 'POST', body: JSON.stringify({ command: 'event', status: 'maybe' }) })).status).toBe(400);
    expect((await fetch(`${emulator.url}/google/collect`, { method: 'POST', body: 'x' })).status).toBe(400);
    const tag = emulator.google.transaction('ord_9').tag;
    expect(tag).toMatchObject([{ transactionId: 'ord_9', status: 'cookieless', consent: { ad_storage: 'denied', ad_user_data: null }, identity: { email: 'plain' }, userAgent: true }]);
    expect(tag[0]!.identity).not.toHaveProperty('bogus');
    expect(JSON.stringify(tag)).not.toContain('alice@example.com');
    expect(await (await fetch(`${emulator.url}/__emulator/google/tag?transaction_id=ord_9`)).json()).toHaveLength(1);
  });
});
