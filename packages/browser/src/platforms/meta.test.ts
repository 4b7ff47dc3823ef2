import { beforeEach, describe, expect, it } from 'vitest';
import { freshApi, recordingFbq, recordingTtq, resetPage, watchCookies } from '../test-helpers.js';

const PIXEL = '1000000000000001';
const w = window as any;

beforeEach(() => resetPage('https://shop.example.com/'));

/** The calls Meta's base-code queue collected (each an argument list). */
const fbqQueue = (): unknown[][] => w.fbq.queue.map((args: ArrayLike<unknown>) => Array.from(args));

describe('metaPixel: loading', () => {
  it("installs Meta's base-code queue, loads fbevents.js, inits the pixel and sends PageView with the page view's id", async () => {
    const { init, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(typeof w.fbq).toBe('function');
    expect(w._fbq).toBe(w.fbq);
    expect([w.fbq.loaded, w.fbq.version]).toEqual([true, '2.0']);
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('https://connect.facebook.net/en_US/fbevents.js');
    const queue = fbqQueue();
    expect(queue[0]).toEqual(['init', PIXEL]);
    expect(queue[1]).toEqual(['track', 'PageView', {}, { eventID: expect.stringMatching(/^evt_/) }]);
    expect(queue).toHaveLength(2);
  });

  it('loads from pixelSrc, and hands the queue to fbevents.js once it sets callMethod', async () => {
    const { init, track, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL, pixelSrc: '/meta/fbevents.js' })] });
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('/meta/fbevents.js');
    const live: unknown[][] = [];
    w.fbq.callMethod = (...args: unknown[]) => live.push(args);
    track('Lead', {}, { eventId: 'lead_1_submit' });
    expect(live).toEqual([['track', 'Lead', {}, { eventID: 'lead_1_submit' }]]);
  });

  it("with spa, turns off fbevents.js's own pushState PageView (pixelpair sends each route's, with its id)", async () => {
    const { init, metaPixel } = await freshApi();
    init({ spa: true, platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(w.fbq.disablePushState).toBe(true);
    history.pushState(null, '', '/products');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fbqQueue().filter((c) => c[1] === 'PageView')).toHaveLength(2);
  });

  it('without spa, leaves fbevents.js its own history handling', async () => {
    const { init, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(w.fbq.disablePushState).toBeUndefined();
  });

  it("uses the page's own fbq (no second script) and still inits the pixel", async () => {
    const calls = recordingFbq();
    const { init, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(calls[0]).toEqual(['init', PIXEL]);
  });
});

describe('metaPixel: one event id for ttq and fbq', () => {
  it('one track() gives ttq.track and fbq the same id', async () => {
    const ttq = recordingTtq();
    const fbq = recordingFbq();
    const { init, track, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    const id = track('AddToCart', { value: 12, currency: 'EUR' });
    expect(ttq.at(-1)).toEqual(['track', 'AddToCart', { value: 12, currency: 'EUR' }, { event_id: id }]);
    expect(fbq.at(-1)).toEqual(['track', 'AddToCart', { value: 12, currency: 'EUR' }, { eventID: id }]);
    const order = track('CompletePayment', { value: 30, currency: 'EUR' }, { eventId: 'ord_7_complete_payment' });
    expect(order).toBe('ord_7_complete_payment');
    expect(fbq.at(-1)).toEqual(['track', 'Purchase', { value: 30, currency: 'EUR' }, { eventID: 'ord_7_complete_payment' }]);
  });

  it("page() returns the id Meta's PageView carries; a caller's id is kept", async () => {
    const fbq = recordingFbq();
    recordingTtq();
    const { init, page, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    const id = page();
    expect(fbq.at(-1)).toEqual(['track', 'PageView', {}, { eventID: id }]);
    expect(page({ eventId: 'page_2' })).toBe('page_2');
    expect(fbq.at(-1)).toEqual(['track', 'PageView', {}, { eventID: 'page_2' }]);
  });

  it("Meta's names: legacy and TikTok spellings resolve, custom names go through trackCustom as they are", async () => {
    const fbq = recordingFbq();
    const { init, track, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    fbq.length = 0;
    track('SubmitForm', {}, { eventId: 'a' });
    track('Pageview', {}, { eventId: 'b' });
    track('Donate', {}, { eventId: 'c' });
    track('NewsletterSignup', { plan: 'x' }, { eventId: 'd' });
    track('ClickButton', {}, { eventId: 'e' });
    track('Download', {}, { eventId: 'f' });
    expect(fbq.map((c) => [c[0], c[1], c[3].eventID])).toEqual([
      ['track', 'Lead', 'a'],
      ['track', 'PageView', 'b'],
      ['track', 'Donate', 'c'],
      ['trackCustom', 'NewsletterSignup', 'd'],
      ['trackCustom', 'ClickButton', 'e'],
      ['trackCustom', 'Download', 'f'],
    ]);
  });

  it("sends Meta's customData: contents as { id, quantity, item_price }, content_ids, search_string", async () => {
    const fbq = recordingFbq();
    const { init, track, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    track('Purchase', { value: 20, currency: 'EUR', order_id: 'A1', contents: [{ content_id: 'sku-1', quantity: 2, price: 10 }] });
    expect(fbq.at(-1)![2]).toEqual({ value: 20, currency: 'EUR', order_id: 'A1', contents: [{ id: 'sku-1', quantity: 2, item_price: 10 }], content_ids: ['sku-1'] });
    track('Search', { query: 'red shoes', description: 'x' });
    expect(fbq.at(-1)![2]).toEqual({ search_string: 'red shoes' });
  });
});

describe('metaPixel: consent', () => {
  it("in a consent mode: fbq('consent', 'revoke') before init, held events keep their ids, grant releases them", async () => {
    const { init, track, consent, metaPixel } = await freshApi();
    init({ consent: 'manual', platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(fbqQueue()).toEqual([['consent', 'revoke'], ['init', PIXEL]]);
    const id = track('ViewContent', { value: 1 });
    expect(fbqQueue()).toHaveLength(2);
    consent({ adUserData: 'granted', adPersonalization: 'granted' });
    const queue = fbqQueue();
    expect(queue[2]).toEqual(['consent', 'grant']);
    expect(queue[3]).toEqual(['track', 'PageView', {}, { eventID: expect.stringMatching(/^evt_/) }]);
    expect(queue[4]).toEqual(['track', 'ViewContent', { value: 1 }, { eventID: id }]);
    track('Purchase', {}, { eventId: 'ord_1_purchase' });
    expect(fbqQueue().at(-1)).toEqual(['track', 'Purchase', {}, { eventID: 'ord_1_purchase' }]);
  });

  it('denied: revoke, held events dropped, nothing sent afterwards; a later grant lets new ones through', async () => {
    const { init, track, page, consent, metaPixel } = await freshApi();
    init({ consent: 'manual', platforms: [metaPixel({ pixelId: PIXEL })] });
    track('ViewContent');
    consent({ adUserData: 'denied', adPersonalization: 'denied' });
    track('AddToCart');
    page();
    expect(fbqQueue()).toEqual([['consent', 'revoke'], ['init', PIXEL], ['consent', 'revoke']]);
    consent({ adUserData: 'granted' });
    track('Lead', {}, { eventId: 'lead_2' });
    expect(fbqQueue().slice(3)).toEqual([['consent', 'grant'], ['track', 'Lead', {}, { eventID: 'lead_2' }]]);
  });

  it('a decision made before init: grant goes before init and events flow', async () => {
    const { init, consent, metaPixel } = await freshApi();
    consent({ adUserData: 'granted' });
    init({ consent: 'manual', platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(fbqQueue().slice(0, 3)).toEqual([['consent', 'grant'], ['init', PIXEL], ['track', 'PageView', {}, expect.anything()]]);
  });

  it('without a consent mode, no consent call at all', async () => {
    const { init, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(fbqQueue().filter((c) => c[0] === 'consent')).toEqual([]);
  });
});

describe('metaPixel: fbclid → _fbc, _fbp', () => {
  it("writes the landing fbclid as Meta's _fbc (fb.1.<ms>.<fbclid>, case kept, 90 days) and puts it in the context", async () => {
    resetPage('https://shop.example.com/?fbclid=IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk');
    const writes = watchCookies();
    const before = Date.now();
    const { init, context, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    const fbc = context().fbc!;
    const [, index, ms, fbclid] = /^fb\.(\d)\.(\d{13})\.(.+)$/.exec(fbc)!;
    expect(index).toBe('1');
    expect(+ms!).toBeGreaterThanOrEqual(before);
    expect(+ms!).toBeLessThanOrEqual(Date.now());
    expect(fbclid).toBe('IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk');
    const write = writes.find((c) => c.startsWith('_fbc=fb.'))!;
    expect(write).toContain('domain=example.com');
    const expires = Date.parse(/expires=([^;]+)/.exec(write)![1]!);
    expect(Math.round((expires - before) / 86_400_000)).toBe(90);
    expect(document.cookie).toContain('_fbc=' + fbc);
  });

  it('the same fbclid again keeps the first cookie; a newer click replaces it', async () => {
    document.cookie = '_fbc=fb.1.1554763741205.AbC; path=/';
    resetPage('https://shop.example.com/?fbclid=AbC');
    document.cookie = '_fbc=fb.1.1554763741205.AbC; path=/';
    let api = await freshApi();
    api.init({ platforms: [api.metaPixel({ pixelId: PIXEL })] });
    expect(api.context().fbc).toBe('fb.1.1554763741205.AbC');
    resetPage('https://shop.example.com/?fbclid=NeWer');
    document.cookie = '_fbc=fb.1.1554763741205.AbC; path=/';
    api = await freshApi();
    api.init({ platforms: [api.metaPixel({ pixelId: PIXEL })] });
    expect(api.context().fbc).toMatch(/^fb\.1\.\d{13}\.NeWer$/);
  });

  it('an fbclid that fails core\'s click-id rule is not kept', async () => {
    resetPage('https://shop.example.com/?fbclid=%2B4915112345678');
    const { init, context, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(context().fbc).toBeUndefined();
    expect(document.cookie).not.toContain('_fbc');
  });

  it('reads _fbp verbatim, and _fbc from the cookie on later pages', async () => {
    document.cookie = '_fbp=fb.1.1596403881668.1116446470; path=/';
    document.cookie = '_fbc=fb.1.1554763741205.Old; path=/';
    const { init, context, metaPixel } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: PIXEL })] });
    expect(context()).toMatchObject({ fbp: 'fb.1.1596403881668.1116446470', fbc: 'fb.1.1554763741205.Old' });
  });
});

describe('metaPixel: a hostile fbq costs nothing else', () => {
  it('a throwing fbq: track still returns its id, ttq still gets the event, the page sees no error', async () => {
    const ttq = recordingTtq();
    w.fbq = () => {
      throw new Error('fbq broke');
    };
    const { init, track, page, consent, context, metaPixel } = await freshApi();
    expect(() => init({ consent: 'manual', platforms: [metaPixel({ pixelId: PIXEL })] })).not.toThrow();
    expect(() => consent({ adUserData: 'granted' })).not.toThrow();
    const id = track('Purchase', { value: 1 }, { eventId: 'ord_9_purchase' });
    expect(id).toBe('ord_9_purchase');
    expect(ttq.at(-1)).toEqual(['track', 'Purchase', { value: 1 }, { event_id: 'ord_9_purchase' }]);
    expect(() => page()).not.toThrow();
    expect(context().userAgent).toBe(navigator.userAgent);
  });

  it('one platform instead of a list works', async () => {
    const fbq = recordingFbq();
    const { init, metaPixel } = await freshApi();
    init({ platforms: metaPixel({ pixelId: PIXEL }) });
    expect(fbq[0]).toEqual(['init', PIXEL]);
  });

  it('a fbq getter that throws, and a null platform, are survived too', async () => {
    Object.defineProperty(window, 'fbq', { configurable: true, get() { throw new Error('hostile'); } });
    const ttq = recordingTtq();
    const { init, track, metaPixel } = await freshApi();
    init({ platforms: [null as any, metaPixel({ pixelId: PIXEL })] });
    expect(track('Lead', {}, { eventId: 'lead_3' })).toBe('lead_3');
    expect(ttq.at(-1)).toEqual(['track', 'Lead', {}, { event_id: 'lead_3' }]);
    delete w.fbq;
  });
});
