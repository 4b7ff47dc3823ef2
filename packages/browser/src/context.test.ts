import { beforeEach, describe, expect, it } from 'vitest';
import { contextFromFields } from '@pixelpair/core';
import { freshApi, recordingTtq, resetPage } from './test-helpers.js';

const TTP = '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1';

beforeEach(() => resetPage('https://shop.example.com/cart?ttclid=E.C.P.ctx', 'https://www.tiktok.com/'));

describe('context', () => {
  it('returns ttclid, _ttp verbatim, user agent, page and consent', async () => {
    document.cookie = `_ttp=${TTP}; path=/`;
    const { init, context } = await freshApi();
    init({});
    const ctx = context();
    expect(ctx).toMatchObject({
      ttclid: 'E.C.P.ctx',
      ttp: TTP,
      userAgent: navigator.userAgent,
      page: { url: 'https://shop.example.com/cart?ttclid=E.C.P.ctx', referrer: 'https://www.tiktok.com/' },
      consent: { adUserData: 'unknown', adPersonalization: 'unknown' },
    });
    expect(Date.parse(ctx.capturedAt)).not.toBeNaN();
  });

  it('never invents a _ttp', async () => {
    const { context } = await freshApi();
    expect(context().ttp).toBeUndefined();
  });

  it('reads a _ttp the Pixel sets after start-up', async () => {
    const { init, context } = await freshApi();
    init({});
    document.cookie = `_ttp=${TTP}; path=/`;
    expect(context().ttp).toBe(TTP);
  });

  it('still answers when cookies throw', async () => {
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => { throw new Error('denied'); }, set: () => { throw new Error('denied'); } });
    const { init, context } = await freshApi();
    init({});
    expect(context()).toMatchObject({ ttclid: 'E.C.P.ctx', page: { url: location.href } });
  });
});

describe('withContext', () => {
  it('adds the context under `pixelpair` and keeps the body', async () => {
    const { withContext } = await freshApi();
    const body = withContext({ sku: 'A1', quantity: 2 });
    expect(body).toMatchObject({ sku: 'A1', quantity: 2, pixelpair: { page: { url: location.href } } });
    expect(withContext().pixelpair.page.url).toBe(location.href);
  });
});

describe('addContextFields', () => {
  it("adds one hidden input, core's pp_context, that the server reads back", async () => {
    document.cookie = `_ttp=${TTP}; path=/`;
    const { init, addContextFields } = await freshApi();
    init({});
    document.body.innerHTML = '<form id="checkout"><input name="email" value="a@b.co"></form>';
    const form = document.querySelector('form')!;
    addContextFields(form);
    const fields = Object.fromEntries(new FormData(form) as unknown as Iterable<[string, string]>);
    expect(fields.email).toBe('a@b.co');
    const back = contextFromFields(fields);
    expect(back).toMatchObject({ ttclid: 'E.C.P.ctx', ttp: TTP, page: { url: location.href } });
    expect(form.querySelector<HTMLInputElement>('input[name="pp_context"]')!.type).toBe('hidden');
    expect(form.querySelectorAll('input[type=hidden]')).toHaveLength(1);
  });

  it('updates the inputs instead of duplicating them', async () => {
    const { addContextFields, consent } = await freshApi();
    document.body.innerHTML = '<form></form>';
    const form = document.querySelector('form')!;
    addContextFields(form);
    consent({ adUserData: 'granted', adPersonalization: 'granted' });
    addContextFields(form);
    expect(form.querySelectorAll('input[name="pp_context"]')).toHaveLength(1);
    expect(contextFromFields({ pp_context: form.querySelector<HTMLInputElement>('input[name="pp_context"]')!.value }).consent.adUserData).toBe('granted');
  });

  it('never throws on a missing form', async () => {
    const { addContextFields } = await freshApi();
    expect(() => (addContextFields as any)(null)).not.toThrow();
  });
});

describe('beacon', () => {
  it('sends the hand-off as JSON with the context to the collect URL', async () => {
    const sent: Array<[string, Blob]> = [];
    (navigator as any).sendBeacon = (url: string, blob: Blob) => sent.push([url, blob]) > 0;
    recordingTtq();
    const { init, track, beacon } = await freshApi();
    init({ collectUrl: '/pixelpair/collect' });
    const eventId = track('AddToCart', { value: 5 });
    expect(beacon({ event: 'AddToCart', eventId, properties: { value: 5 } })).toBe(true);
    const [url, blob] = sent[0]!;
    expect(url).toBe('/pixelpair/collect');
    expect(blob.type).toBe('application/json');
    expect(JSON.parse(await blob.text())).toMatchObject({ event: 'AddToCart', eventId, properties: { value: 5 }, context: { ttclid: 'E.C.P.ctx' } });
  });

  it('prefers an explicit URL and context', async () => {
    const sent: string[] = [];
    (navigator as any).sendBeacon = (url: string) => sent.push(url) > 0;
    const { beacon, context } = await freshApi();
    const ctx = { ...context(), ttclid: 'given' };
    expect(beacon({ event: 'Lead', eventId: 'lead_1_submit', context: ctx }, '/other')).toBe(true);
    expect(sent).toEqual(['/other']);
  });

  it('answers false without a collect URL, without sendBeacon, or when refused', async () => {
    const { init, beacon } = await freshApi();
    expect(beacon({ event: 'Lead', eventId: 'x' })).toBe(false);
    init({ collectUrl: '/collect' });
    (navigator as any).sendBeacon = () => false;
    expect(beacon({ event: 'Lead', eventId: 'x' })).toBe(false);
    (navigator as any).sendBeacon = undefined;
    expect(beacon({ event: 'Lead', eventId: 'x' })).toBe(false);
  });
});
