import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { tiktokBaseCode } from './base-code.js';
import { pixelScript } from './stub-script.js';

/** A minimal browser: location, history, cookies, fetch capture. Enough for the stub's contract. */
function fakeBrowser(href = 'https://shop.example/landing?ttclid=E.C.P.1') {
  const posted: any[] = [];
  const jar = new Map<string, string>();
  const listeners: Record<string, Array<() => void>> = {};
  const location = { href };
  const navigate = (url: string) => { location.href = new URL(url, location.href).href; };
  const document = {
    referrer: 'https://ads.example/',
    get cookie() { return [...jar].map(([k, v]) => `${k}=${v}`).join('; '); },
    set cookie(value: string) { const pair = value.split(';')[0]!; const i = pair.indexOf('='); jar.set(pair.slice(0, i), pair.slice(i + 1)); },
    createElement: () => ({}),
    getElementsByTagName: () => [{ parentNode: { insertBefore: () => undefined } }],
  };
  const window: any = {
    document, location,
    history: { pushState: (_s: unknown, _t: string, url: string) => navigate(url), replaceState: (_s: unknown, _t: string, url: string) => navigate(url) },
    fetch: (url: string, init: { body: string; keepalive: boolean }) => { posted.push({ ...JSON.parse(init.body), to: url, keepalive: init.keepalive }); return Promise.resolve({}); },
    addEventListener: (type: string, fn: () => void) => { (listeners[type] ??= []).push(fn); },
    navigator: {},
  };
  window.window = window;
  const context = vm.createContext(window);
  return {
    window, posted, jar, navigate,
    run: (code: string) => vm.runInContext(code, context),
    popstate: (url: string) => { navigate(url); for (const fn of listeners.popstate ?? []) fn(); },
  };
}

const SCRIPT = pixelScript('http://127.0.0.1:9/pixel/collect');

function loaded(loadOptions?: Record<string, unknown>) {
  const b = fakeBrowser();
  b.run(tiktokBaseCode('PIX1', { scriptUrl: 'http://127.0.0.1:9/pixel/events.js', loadOptions }));
  return b;
}

describe('pixel stub', () => {
  it('works on a page whose document.cookie throws, like the real pixel with cookies disabled', () => {
    const b = fakeBrowser();
    Object.defineProperty(b.window.document, 'cookie', { get() { throw new Error('SecurityError'); }, set() { throw new Error('SecurityError'); } });
    b.run(tiktokBaseCode('PIX1', { scriptUrl: 'http://127.0.0.1:9/pixel/events.js', loadOptions: { historyObserver: false } }));
    expect(() => b.run(SCRIPT)).not.toThrow();
    b.run(`ttq.track('Contact', {}, { event_id: 'c_1' });`);
    expect(b.posted.map((c) => [c.method, c.eventId, c.ttp ?? null])).toContainEqual(['track', 'c_1', null]);
  });

  it('replays the queue, then records live calls with event_id, pixel id and page URL', () => {
    const b = loaded({ historyObserver: false });
    b.run(`ttq.track('ViewContent', { content_id: 'sku-1' }, { event_id: 'queued_1' });`);
    b.run(SCRIPT);
    b.run(`ttq.track('CompletePayment', { value: 10, currency: 'EUR' }, { event_id: 'ord_1_complete_payment' });`);
    expect(b.posted.map((c) => [c.method, c.event, c.eventId, c.status])).toEqual([
      ['load', null, null, 'recorded'],
      ['page', 'Pageview', null, 'sent'],
      ['track', 'ViewContent', 'queued_1', 'sent'],
      ['track', 'CompletePayment', 'ord_1_complete_payment', 'sent'],
    ]);
    const last = b.posted[3];
    expect(last).toMatchObject({ to: 'http://127.0.0.1:9/pixel/collect', url: 'https://shop.example/landing?ttclid=E.C.P.1', keepalive: true, pixelId: 'PIX1', properties: { value: 10, currency: 'EUR' } });
    expect(b.posted[0].options).toEqual({ historyObserver: false });
    expect(b.window.__pixelpairPixel.calls).toHaveLength(4);
  });

  it('sets a TikTok-like _ttp cookie when absent, and keeps an existing one', () => {
    const b = loaded();
    b.run(SCRIPT);
    expect(b.jar.get('_ttp')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}_\.tt\.1$/);
    expect(b.posted.find((c) => c.method === 'page').ttp).toBe(b.jar.get('_ttp'));
    const c = fakeBrowser();
    c.jar.set('_ttp', 'existing_.tt.1');
    c.run(tiktokBaseCode('PIX1', { scriptUrl: 'x' }));
    c.run(SCRIPT);
    expect(c.jar.get('_ttp')).toBe('existing_.tt.1');
  });

  it('holds events until consent is granted, and drops them after revoke', () => {
    const b = fakeBrowser();
    b.run(`window.ttq = []; ttq.holdConsent = function(){ ttq.push(['holdConsent']); };`);
    b.run(tiktokBaseCode('PIX1', { scriptUrl: 'x', page: false }));
    b.run('ttq.holdConsent(); ttq.track("AddToCart", {}, { event_id: "cart_1_add_to_cart" });');
    b.run(SCRIPT);
    expect(b.jar.has('_ttp')).toBe(false);
    b.run('ttq.grantConsent(); ttq.track("InitiateCheckout", {}, { event_id: "cart_1_initiate_checkout" });');
    b.run('ttq.holdConsent(); ttq.track("Lead", {}, { event_id: "lead_1" }); ttq.revokeConsent(); ttq.track("Search", {}, { event_id: "s_1" });');
    const events = b.posted.filter((c) => c.method === 'track').map((c) => [c.eventId, c.status, c.released]);
    expect(events).toEqual([
      ['cart_1_add_to_cart', 'held', false],
      ['cart_1_add_to_cart', 'sent', true],
      ['cart_1_initiate_checkout', 'sent', false],
      ['lead_1', 'held', false],
      ['lead_1', 'dropped', false],
      ['s_1', 'dropped', false],
    ]);
    expect(b.jar.has('_ttp')).toBe(true);
  });

  it('records identify keys and whether they were hashed, never the values', () => {
    const b = loaded({ historyObserver: false });
    b.run(SCRIPT);
    b.run(`ttq.identify({ email: 'alice@example.com', sha256_phone_number: '${'a'.repeat(64)}' }); ttq.track('Lead', { email: 'alice@example.com', value: 1 }, { event_id: 'lead_9' });`);
    const lead = b.posted.find((c) => c.eventId === 'lead_9');
    expect(lead.identity).toEqual({ email: 'plain', phone_number: 'hashed' });
    expect(lead.properties).toEqual({ email: '[redacted]', value: 1 });
    expect(JSON.stringify(b.posted)).not.toContain('alice@example.com');
  });

  it('emits TikTok-style automatic Pageviews on route changes unless historyObserver is false', () => {
    const on = loaded();
    on.run(SCRIPT);
    on.run(`history.pushState({}, '', '/products'); history.replaceState({}, '', '/products');`);
    on.popstate('https://shop.example/landing');
    expect(on.posted.filter((c) => c.auto).map((c) => c.url)).toEqual(['https://shop.example/products', 'https://shop.example/landing']);
    const off = loaded({ historyObserver: false });
    off.run(SCRIPT);
    off.run(`history.pushState({}, '', '/products');`);
    expect(off.posted.filter((c) => c.auto)).toHaveLength(0);
  });

  it('routes instance(id).track and pixel_code to one pixel, global track to all', () => {
    const b = fakeBrowser();
    b.run(tiktokBaseCode('PIX1', { scriptUrl: 'x', page: false, loadOptions: { historyObserver: false } }));
    b.run(`ttq.load('PIX2', { historyObserver: false }); ttq.instance('PIX2').track('Search', {}, { event_id: 'q_1' });`);
    b.run(SCRIPT);
    b.run(`ttq.track('Lead', {}, { event_id: 'lead_2' }); ttq.track('Contact', {}, { event_id: 'c_1', pixel_code: 'PIX1' });`);
    const track = (id: string) => b.posted.filter((c) => c.eventId === id).map((c) => c.pixelId).sort();
    expect(track('q_1')).toEqual(['PIX2']);
    expect(track('lead_2')).toEqual(['PIX1', 'PIX2']);
    expect(track('c_1')).toEqual(['PIX1']);
  });

  it('takes over only once when the script is injected twice', () => {
    const b = loaded({ historyObserver: false });
    b.run(SCRIPT);
    b.run(SCRIPT);
    b.run(`ttq.track('Lead', {}, { event_id: 'once' });`);
    expect(b.posted.filter((c) => c.eventId === 'once')).toHaveLength(1);
  });
});
