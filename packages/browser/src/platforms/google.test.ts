import { beforeEach, describe, expect, it } from 'vitest';
import { freshApi, recordingFbq, recordingTtq, resetPage } from '../test-helpers.js';

const TAG = 'AW-1000000001';
const CONVERSIONS = { Purchase: 'purchase', Lead: 'lead' };
const w = window as any;

beforeEach(() => resetPage('https://shop.example.com/'));

/** What the tag was asked, from the dataLayer (gtag pushes its `arguments`); `js`'s date left as a type. */
const layer = (): unknown[][] => w.dataLayer.map((args: ArrayLike<unknown>) => Array.from(args).map((a) => (a instanceof Date ? 'Date' : a)));
const commands = (name: string) => layer().filter((c) => c[0] === name);

describe('googleTag: loading', () => {
  it("defines dataLayer and gtag as Google's snippet does, loads gtag.js?id=, then js and config", async () => {
    const { init, googleTag } = await freshApi();
    init({ platforms: [googleTag({ tagId: TAG, conversions: CONVERSIONS })] });
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('https://www.googletagmanager.com/gtag/js?id=AW-1000000001');
    expect(layer()).toEqual([['js', 'Date'], ['config', TAG]]);
    // gtag.js reads `arguments` objects, not arrays
    expect(Object.prototype.toString.call(w.dataLayer[0])).toBe('[object Arguments]');
  });

  it('loads from src, and with the page\'s own gtag only adds its config', async () => {
    let api = await freshApi();
    api.init({ platforms: [api.googleTag({ tagId: TAG, src: '/google/gtag.js?v=1' })] });
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('/google/gtag.js?v=1&id=AW-1000000001');
    resetPage('https://shop.example.com/');
    const own: unknown[][] = [];
    w.gtag = (...args: unknown[]) => own.push(args);
    api = await freshApi();
    api.init({ platforms: [api.googleTag({ tagId: TAG })] });
    expect(own).toEqual([['config', TAG]]);
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });
});

describe('googleTag: conversions', () => {
  it('one track() gives ttq, fbq and the tag the same id: transaction_id, send_to tagId/label, value, currency', async () => {
    const ttq = recordingTtq();
    const fbq = recordingFbq();
    const { init, track, metaPixel, googleTag } = await freshApi();
    init({ platforms: [metaPixel({ pixelId: '1000000000000001' }), googleTag({ tagId: TAG, conversions: CONVERSIONS })] });
    const id = track('Purchase', { value: 42.5, currency: 'EUR' }, { eventId: 'ord_77_purchase' });
    expect(ttq.at(-1)![3]).toEqual({ event_id: id });
    expect(fbq.at(-1)![3]).toEqual({ eventID: id });
    expect(commands('event')).toEqual([['event', 'conversion', { send_to: 'AW-1000000001/purchase', transaction_id: 'ord_77_purchase', value: 42.5, currency: 'EUR' }]]);
  });

  it('only mapped events, in any spelling core resolves; page views only when PageView is mapped', async () => {
    const { init, track, page, googleTag } = await freshApi();
    init({ platforms: [googleTag({ tagId: TAG, conversions: { CompletePayment: 'buy', SubmitForm: 'form', Pageview: 'visit' } })] });
    track('ViewContent', { value: 1 });
    track('AddToCart');
    track('toString');
    const purchase = track('Purchase', { value: 5, currency: 'USD' });
    const lead = track('Lead');
    const view = page();
    const events = commands('event').map((c) => c[2] as Record<string, unknown>);
    expect(events.map((e) => [e.send_to, e.transaction_id])).toEqual([
      // the first page view (init) and the explicit one
      ['AW-1000000001/visit', expect.stringMatching(/^evt_/)],
      ['AW-1000000001/buy', purchase],
      ['AW-1000000001/form', lead],
      ['AW-1000000001/visit', view],
    ]);
  });

  it('without conversions the tag gets no events at all', async () => {
    const { init, track, googleTag } = await freshApi();
    init({ platforms: [googleTag({ tagId: TAG })] });
    track('Purchase', { value: 1, currency: 'EUR' });
    expect(commands('event')).toEqual([]);
  });
});

describe('googleTag: consent', () => {
  it("manual consent: 'denied' defaults before config, conversions held, an update on grant releases them with their ids", async () => {
    const { init, track, consent, googleTag } = await freshApi();
    init({ consent: 'manual', platforms: [googleTag({ tagId: TAG, conversions: CONVERSIONS })] });
    const denied = { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' };
    expect(layer()).toEqual([['consent', 'default', denied], ['js', 'Date'], ['config', TAG]]);
    const id = track('Purchase', { value: 3, currency: 'EUR' });
    expect(commands('event')).toEqual([]);
    consent({ adUserData: 'granted', adPersonalization: 'denied' });
    expect(layer().slice(3)).toEqual([
      ['consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'denied' }],
      ['event', 'conversion', { send_to: 'AW-1000000001/purchase', transaction_id: id, value: 3, currency: 'EUR' }],
    ]);
    consent({ adPersonalization: 'granted' });
    expect(layer().at(-1)).toEqual(['consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }]);
  });

  it('denied: the tag gets denied, held conversions are dropped, later ones too', async () => {
    const { init, track, consent, googleTag } = await freshApi();
    init({ consent: 'tcf', platforms: [googleTag({ tagId: TAG, conversions: CONVERSIONS })] });
    track('Purchase');
    consent({ adUserData: false, adPersonalization: false });
    track('Lead');
    expect(commands('consent').at(-1)).toEqual(['consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }]);
    expect(commands('event')).toEqual([]);
  });

  it("with Consent Mode ('gcm') as the source nothing is echoed back: no default, no update", async () => {
    const { init, track, googleTag } = await freshApi();
    w.dataLayer = [];
    init({ consent: 'gcm', platforms: [googleTag({ tagId: TAG, conversions: CONVERSIONS })] });
    const id = track('Purchase', { value: 1, currency: 'EUR' });
    w.gtag('consent', 'update', { ad_user_data: 'granted', ad_personalization: 'granted' });
    expect(commands('consent')).toEqual([['consent', 'update', { ad_user_data: 'granted', ad_personalization: 'granted' }]]);
    expect(commands('event')).toEqual([['event', 'conversion', { send_to: 'AW-1000000001/purchase', transaction_id: id, value: 1, currency: 'EUR' }]]);
  });
});

describe('googleTag: click ids', () => {
  it('gclid and wbraid from the landing URL → _pp_gclid / _pp_wbraid (90 days) and context()', async () => {
    resetPage('https://shop.example.com/?gclid=EAIaIQobChMI-Xy_z&wbraid=WbR4id');
    const { init, context, googleTag } = await freshApi();
    init({ platforms: [googleTag({ tagId: TAG })] });
    expect(context()).toMatchObject({ gclid: 'EAIaIQobChMI-Xy_z', wbraid: 'WbR4id' });
    expect(context().gbraid).toBeUndefined();
    expect(document.cookie).toContain('_pp_gclid=EAIaIQobChMI-Xy_z');
    expect(document.cookie).toContain('_pp_wbraid=WbR4id');
  });

  it('later pages read the cookies; at most one of gbraid / wbraid; invalid ids are not kept', async () => {
    document.cookie = '_pp_gclid=OldClick; path=/';
    document.cookie = '_pp_gbraid=GbR; path=/';
    resetPage('https://shop.example.com/?gclid=bad%20id');
    document.cookie = '_pp_gclid=OldClick; path=/';
    document.cookie = '_pp_gbraid=GbR; path=/';
    const { init, context, googleTag } = await freshApi();
    init({ platforms: [googleTag({ tagId: TAG })] });
    expect(context()).toMatchObject({ gclid: 'OldClick', gbraid: 'GbR' });
    document.cookie = '_pp_wbraid=WbR; path=/';
    expect(context()).toMatchObject({ gbraid: undefined, wbraid: 'WbR' });
  });
});

describe('googleTag: a hostile gtag costs nothing else', () => {
  it('a throwing gtag: ttq and fbq still get the event with its id', async () => {
    const ttq = recordingTtq();
    const fbq = recordingFbq();
    w.gtag = () => {
      throw new Error('gtag broke');
    };
    const { init, track, googleTag, metaPixel } = await freshApi();
    expect(() => init({ consent: 'manual', platforms: [googleTag({ tagId: TAG, conversions: CONVERSIONS }), metaPixel({ pixelId: '1' })] })).not.toThrow();
    const { consent } = await import('../index.js');
    expect(() => consent({ adUserData: 'granted' })).not.toThrow();
    const id = track('Purchase', {}, { eventId: 'ord_5_purchase' });
    expect(id).toBe('ord_5_purchase');
    expect(ttq.at(-1)![3]).toEqual({ event_id: id });
    expect(fbq.at(-1)![3]).toEqual({ eventID: id });
  });
});
