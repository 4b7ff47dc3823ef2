import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { metaBaseCode } from './base-code.js';
import { metaPixelScript } from './fbq-stub-script.js';
import { toMetaPixelCall } from './pixel-call.js';

const PIXEL = '1234567890123456';
const SCRIPT = metaPixelScript('http://127.0.0.1:9/meta/collect');
const HASH = 'a'.repeat(64);

/** A minimal browser: location, cookies (a domain attribute on a single label is refused, as for a public suffix), fetch capture, pagehide. */
function fakeBrowser(href = 'https://shop.example/landing?fbclid=IwAR_Case') {
  const posted: any[] = [];
  const jar = new Map<string, string>();
  const listeners: Record<string, Array<() => void>> = {};
  const url = new URL(href);
  const document = {
    referrer: 'https://facebook.com/',
    get cookie() { return [...jar].map(([k, v]) => `${k}=${v}`).join('; '); },
    set cookie(value: string) {
      const domain = /;\s*domain=([^;]+)/i.exec(value)?.[1];
      if (domain && !domain.includes('.')) return;
      const pair = value.split(';')[0]!;
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    },
    createElement: () => ({}),
    getElementsByTagName: () => [{ parentNode: { insertBefore: () => undefined } }],
  };
  const window: any = {
    document, location: { href: url.href, hostname: url.hostname },
    fetch: (to: string, init: { body: string; keepalive: boolean }) => { posted.push({ ...JSON.parse(init.body), to, keepalive: init.keepalive }); return Promise.resolve({}); },
    addEventListener: (type: string, fn: () => void) => { (listeners[type] ??= []).push(fn); },
    navigator: {},
  };
  window.window = window;
  const context = vm.createContext(window);
  return {
    window, posted, jar,
    run: (code: string) => vm.runInContext(code, context),
    fire: (type: string) => { for (const fn of listeners[type] ?? []) fn(); },
    events: () => posted.filter((c) => c.event !== null),
  };
}

function loaded(options: Partial<Parameters<typeof metaBaseCode>[1]> = {}, href?: string) {
  const b = fakeBrowser(href);
  b.run(metaBaseCode(PIXEL, { scriptUrl: 'http://127.0.0.1:9/meta/fbevents.js', ...options }));
  return b;
}

describe('fbq stub', () => {
  it('replays the base code queue in order, then records live calls with eventID and pixel id', () => {
    const b = loaded({ pageView: 'pv_1' });
    b.run(`fbq('track', 'ViewContent', { content_ids: ['sku-1'] }, { eventID: 'vc_1' });`);
    b.run(SCRIPT);
    b.run(`fbq('track', 'Purchase', { value: 12, currency: 'EUR' }, { eventID: 'ord_1' });`);
    expect(b.posted.map((c) => [c.method, c.event, c.eventId, c.status, c.pixelId])).toEqual([
      ['init', null, null, 'recorded', PIXEL],
      ['track', 'PageView', 'pv_1', 'sent', PIXEL],
      ['track', 'ViewContent', 'vc_1', 'sent', PIXEL],
      ['track', 'Purchase', 'ord_1', 'sent', PIXEL],
    ]);
    expect(b.posted[3]).toMatchObject({ to: 'http://127.0.0.1:9/meta/collect', keepalive: true, properties: { value: 12, currency: 'EUR' }, consent: 'default', custom: false, warning: null, url: 'https://shop.example/landing?fbclid=IwAR_Case' });
    expect(b.window.__pixelpairMetaPixel.calls).toHaveLength(4);
    expect(b.window._fbq).toBe(b.window.fbq);
  });

  it('sets a first-party _fbp like Meta\'s pixel (fb.<index>.<ms>.<random>), keeps an existing one, and never sets _fbc', () => {
    const before = Date.now();
    const b = loaded();
    b.run(SCRIPT);
    const fbp = b.jar.get('_fbp')!;
    const [, index, ms, random] = /^fb\.(\d)\.(\d{13})\.(\d+)$/.exec(fbp) ?? [];
    expect(index).toBe('1');
    expect(Number(ms)).toBeGreaterThanOrEqual(before);
    expect(Number(random)).toBeLessThan(2 ** 31);
    expect(b.events()[0]!.fbp).toBe(fbp);
    expect(b.jar.has('_fbc')).toBe(false);
    const www = loaded({}, 'https://www.shop.example/');
    www.run(SCRIPT);
    expect(www.jar.get('_fbp')).toMatch(/^fb\.1\./); // the widest domain the browser allows: shop.example
    const kept = fakeBrowser();
    kept.jar.set('_fbp', 'fb.1.1596403881668.1116446470');
    kept.jar.set('_fbc', 'fb.1.1554763741205.IwAR_Case');
    kept.run(metaBaseCode(PIXEL, { scriptUrl: 'x' }));
    kept.run(SCRIPT);
    expect(kept.jar.get('_fbp')).toBe('fb.1.1596403881668.1116446470');
    expect(kept.events()[0]).toMatchObject({ fbp: 'fb.1.1596403881668.1116446470', fbc: 'fb.1.1554763741205.IwAR_Case' });
  });

  it('consent revoke pauses fires (held, no _fbp), grant releases them with the same callId and eventID', () => {
    const b = loaded({ consent: 'revoke', pageView: 'pv_1' });
    b.run(SCRIPT);
    b.run(`fbq('track', 'AddToCart', {}, { eventID: 'cart_1' });`);
    expect(b.jar.has('_fbp')).toBe(false);
    b.run(`fbq('consent', 'grant'); fbq('track', 'InitiateCheckout', {}, { eventID: 'co_1' });`);
    const events = b.events().map((c) => [c.eventId, c.status, c.released, c.consent]);
    expect(events).toEqual([
      ['pv_1', 'held', false, 'revoked'],
      ['cart_1', 'held', false, 'revoked'],
      ['pv_1', 'sent', true, 'granted'],
      ['cart_1', 'sent', true, 'granted'],
      ['co_1', 'sent', false, 'granted'],
    ]);
    const cart = b.events().filter((c) => c.eventId === 'cart_1');
    expect(cart[0].callId).toBe(cart[1].callId);
    expect(b.jar.get('_fbp')).toMatch(/^fb\.1\.\d{13}\.\d+$/);
    expect(b.posted.filter((c) => c.method === 'consent').map((c) => c.options.action)).toEqual(['revoke', 'grant']);
  });

  it('records calls still held when the page goes away as dropped (unload)', () => {
    const b = loaded({ consent: 'revoke', pageView: false });
    b.run(SCRIPT);
    b.run(`fbq('track', 'Lead', {}, { eventID: 'lead_1' });`);
    b.fire('pagehide');
    expect(b.events().map((c) => [c.eventId, c.status, c.reason])).toEqual([['lead_1', 'held', null], ['lead_1', 'dropped', 'unload']]);
  });

  it('tracks on every inited pixel, trackSingle on one, and drops calls with no pixel to go to', () => {
    const b = fakeBrowser();
    b.run(SCRIPT);
    b.run(`fbq('track', 'Lead', {}, { eventID: 'early' });`);
    b.run(`fbq('init', '${PIXEL}'); fbq('init', '42'); fbq('init', '42');`);
    b.run(`fbq('track', 'Contact', {}, { eventID: 'both' }); fbq('trackSingle', '42', 'Search', { search_string: 'shoes' }, { eventID: 'one' });`);
    b.run(`fbq('trackSingle', '77', 'Search', {}, { eventID: 'nowhere' }); fbq('trackSingleCustom', '42', 'Wishlisted', {}, { eventID: 'c1' });`);
    const by = (id: string) => b.events().filter((c) => c.eventId === id || (id === 'nowhere' && c.event === 'Search' && c.pixelId === '77'));
    expect(by('early').map((c) => [c.status, c.reason])).toEqual([['dropped', 'no_pixel']]);
    expect(by('both').map((c) => c.pixelId).sort()).toEqual(['42', PIXEL].sort());
    expect(by('one').map((c) => [c.pixelId, c.method])).toEqual([['42', 'trackSingle']]);
    expect(by('nowhere').map((c) => [c.status, c.reason])).toEqual([['dropped', 'unknown_pixel']]);
    expect(by('c1').map((c) => [c.pixelId, c.custom])).toEqual([['42', true]]);
    expect(b.posted.filter((c) => c.method === 'init').map((c) => c.warning)).toEqual([null, null, 'duplicate_init']);
  });

  it('flags TikTok\'s event_id spelling and a non-standard name sent through track; trackCustom is custom', () => {
    const b = loaded({ pageView: false });
    b.run(SCRIPT);
    b.run(`fbq('track', 'Purchase', { value: 1, currency: 'EUR' }, { event_id: 'ord_2' }); fbq('track', 'Pageview', {}, { eventID: 'pv' }); fbq('trackCustom', 'Download', {}, { eventID: 'dl_1' });`);
    expect(b.events().map((c) => [c.event, c.eventId, c.custom, c.warning])).toEqual([
      ['Purchase', null, false, 'event_id_spelling'],
      ['Pageview', 'pv', false, 'non_standard_event'],
      ['Download', 'dl_1', true, null],
    ]);
  });

  it('carries dataProcessingOptions on later fires and flags one made after init', () => {
    const b = loaded({ dataProcessingOptions: { options: ['LDU'], country: 1, state: 1000 }, pageView: 'pv' });
    b.run(SCRIPT);
    b.run(`fbq('dataProcessingOptions', ['LDU'], 0, 0);`);
    b.run(`fbq('track', 'Lead', {}, { eventID: 'lead' });`);
    expect(b.events().map((c) => [c.eventId, c.limitedDataUse, c.lduCountry, c.lduState])).toEqual([['pv', true, 1, 1000], ['lead', true, 0, 0]]);
    expect(b.posted.filter((c) => c.method === 'dataProcessingOptions').map((c) => c.warning)).toEqual([null, 'data_processing_options_after_init']);
    const off = loaded({ dataProcessingOptions: { options: [] } });
    off.run(SCRIPT);
    expect(off.events()[0]).toMatchObject({ limitedDataUse: false, lduCountry: null });
    const wrong = fakeBrowser();
    wrong.run(SCRIPT);
    wrong.run(`fbq('dataProcessingOptions', ['ldu']);`);
    expect(wrong.posted[0].warning).toBe('invalid_data_processing_options');
  });

  it('records advanced-matching keys and whether hashed, never the values; redacts identity in properties', () => {
    const b = loaded({ advancedMatching: { em: 'alice@example.com', external_id: HASH }, pageView: false });
    b.run(SCRIPT);
    b.run(`fbq('track', 'Lead', { email: 'alice@example.com', phone: '+4915112345678', value: 3 }, { eventID: 'lead_9' });`);
    const lead = b.events()[0];
    expect(lead.advancedMatching).toEqual({ em: 'plain', external_id: 'hashed' });
    expect(lead.properties).toEqual({ email: '[redacted]', phone: '[redacted]', value: 3 });
    expect(JSON.stringify(b.posted)).not.toMatch(/alice@example\.com|4915112345678/);
  });

  it('never throws into the page: cookies that throw, a fetch that throws, odd calls, a second injection', () => {
    const b = fakeBrowser();
    Object.defineProperty(b.window.document, 'cookie', { get() { throw new Error('SecurityError'); }, set() { throw new Error('SecurityError'); } });
    b.window.fetch = () => { throw new Error('offline'); };
    b.run(metaBaseCode(PIXEL, { scriptUrl: 'x' }));
    expect(() => b.run(SCRIPT)).not.toThrow();
    expect(() => b.run(`fbq(); fbq(null); fbq('track'); fbq('consent', 'maybe'); fbq('track', 'Lead', null, 7); fbq('set', 'autoConfig', false, '${PIXEL}');`)).not.toThrow();
    expect(() => b.run(SCRIPT)).not.toThrow();
    b.run(`fbq('track', 'Contact', {}, { eventID: 'c_1' });`);
    const calls = b.window.__pixelpairMetaPixel.calls as any[];
    expect(calls.filter((c) => c.eventId === 'c_1').map((c) => [c.status, c.fbp])).toEqual([['sent', null]]);
    expect(calls.find((c) => c.method === 'consent').warning).toBe('invalid_consent');
  });

  it('every record it posts passes the collector unchanged in its key fields', () => {
    const b = loaded({ consent: 'revoke', advancedMatching: { em: HASH }, dataProcessingOptions: { options: ['LDU'], country: 1, state: 1005 }, pageView: 'pv' });
    b.run(SCRIPT);
    b.run(`fbq('consent', 'grant'); fbq('trackCustom', 'Download', { file: 'a.pdf' }, { eventID: 'dl' }); fbq('set', 'autoConfig', false, '${PIXEL}');`);
    expect(b.posted.length).toBeGreaterThanOrEqual(6);
    b.posted.forEach((body, i) => {
      const call = toMetaPixelCall(body, i + 1, 0, true);
      if (typeof call === 'string') throw new Error(`record ${i} refused: ${call}`);
      for (const key of ['callId', 'pixelId', 'method', 'event', 'eventId', 'status', 'released', 'consent', 'limitedDataUse', 'lduState', 'fbp', 'custom', 'warning', 'reason'] as const) {
        expect(call[key]).toEqual(body[key]);
      }
      expect(call.advancedMatching).toEqual(body.advancedMatching);
    });
  });
});
