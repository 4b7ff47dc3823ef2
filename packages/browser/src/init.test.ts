import { beforeEach, describe, expect, it } from 'vitest';
import { freshApi, nextTask, queuedCalls, recordingTtq, resetPage } from './test-helpers.js';

beforeEach(() => resetPage('https://shop.example.com/?ttclid=E.C.P.init'));

describe('init', () => {
  it('with a pixel id: installs the base-code queue, loads the pixel, sends the first page view', async () => {
    const { init } = await freshApi();
    init({ pixelId: 'C1', pixelSrc: '/pixel/events.js' });
    expect(queuedCalls()).toEqual([['page']]);
    expect((window as any).ttq._o.C1).toEqual({});
    await nextTask();
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('/pixel/events.js?sdkid=C1&lib=ttq');
  });

  it("defaults to TikTok's pixel script", async () => {
    const { init } = await freshApi();
    init({ pixelId: 'C1' });
    await nextTask();
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C1&lib=ttq');
  });

  it("works with the page's own ttq: no second load, no extra page view", async () => {
    const calls = recordingTtq();
    (window as any).ttq._i = { C1: [] };
    const { init, track } = await freshApi();
    init({ pixelId: 'C1' });
    init({});
    track('ViewContent', {}, { eventId: 'prd_1_view_content' });
    expect(calls).toEqual([['track', 'ViewContent', {}, { event_id: 'prd_1_view_content' }]]);
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('holds the Pixel before its first page view in a consent mode', async () => {
    const { init } = await freshApi();
    init({ pixelId: 'C1', consent: 'manual,gcm' });
    expect(queuedCalls()).toEqual([['holdConsent']]);
  });

  it('captures the ttclid with the configured lifetime and domain', async () => {
    const { init, context } = await freshApi();
    init({ cookieDays: '60', cookieDomain: 'shop.example.com' });
    expect(context().ttclid).toBe('E.C.P.init');
    await nextTask();
    expect(document.cookie).toContain('ttclid=E.C.P.init');
  });

  it('starts once: a second init is ignored', async () => {
    const { init } = await freshApi();
    init({ pixelId: 'C1' });
    init({ pixelId: 'C2' });
    await nextTask();
    expect(document.querySelectorAll('script')).toHaveLength(1);
  });

  it('never throws, even with hostile options', async () => {
    const { init } = await freshApi();
    expect(() => init({ get pixelId(): string { throw new Error('hostile'); } })).not.toThrow();
    expect(() => (init as any)(null)).not.toThrow();
  });
});
