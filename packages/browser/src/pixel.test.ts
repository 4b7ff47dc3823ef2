import { beforeEach, describe, expect, it, vi } from 'vitest';
import { queuedCalls, recordingTtq, resetPage, nextTask } from './test-helpers.js';

async function fresh() {
  vi.resetModules();
  const [pixel, { state }] = await Promise.all([import('./pixel.js'), import('./state.js')]);
  return { ...pixel, state };
}

beforeEach(() => resetPage('https://shop.example.com/'));

describe('ensureTtq', () => {
  it("installs TikTok's base-code queue when the page has no ttq", async () => {
    const { ensureTtq } = await fresh();
    const ttq = ensureTtq();
    ttq.track('ViewContent', {}, { event_id: 'a' });
    ttq.holdConsent();
    expect((window as any).TiktokAnalyticsObject).toBe('ttq');
    expect(queuedCalls()).toEqual([['track', 'ViewContent', {}, { event_id: 'a' }], ['holdConsent']]);
  });

  it('keeps the ttq the page already has', async () => {
    const calls = recordingTtq();
    const existing = (window as any).ttq;
    const { ensureTtq } = await fresh();
    expect(ensureTtq()).toBe(existing);
    expect(calls).toEqual([]);
  });
});

describe('loadPixel', () => {
  it('records the pixel like ttq.load and injects the pixel script with sdkid', async () => {
    const { loadPixel } = await fresh();
    expect(loadPixel('C123', 'http://127.0.0.1:4000/pixel/events.js', { historyObserver: false })).toBe(true);
    const ttq = (window as any).ttq;
    expect(ttq._o.C123).toEqual({ historyObserver: false });
    expect(ttq._i.C123._u).toBe('http://127.0.0.1:4000/pixel/events.js');
    expect(typeof ttq._t.C123).toBe('number');
    expect(document.head.querySelector('script'), 'inserted on the next task, off the start-up path').toBeNull();
    await nextTask();
    const script = document.head.querySelector('script')!;
    expect(script.getAttribute('src')).toBe('http://127.0.0.1:4000/pixel/events.js?sdkid=C123&lib=ttq');
    expect(script.async).toBe(true);
  });

  it("does not load twice when the page's base code already loaded that pixel", async () => {
    const { loadPixel, ensureTtq } = await fresh();
    ensureTtq()._i = { C123: [] };
    expect(loadPixel('C123', 'https://analytics.tiktok.com/i18n/pixel/events.js', {})).toBe(false);
    await nextTask();
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('appends sdkid with & when the script URL already has a query', async () => {
    const { loadPixel } = await fresh();
    loadPixel('C1', '/pixel/events.js?v=2', {});
    await nextTask();
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('/pixel/events.js?v=2&sdkid=C1&lib=ttq');
  });
});

describe('send (the consent gate)', () => {
  it('calls ttq directly when no consent mode holds it', async () => {
    const calls = recordingTtq();
    const { send } = await fresh();
    send('track', ['Lead', {}, { event_id: 'l1' }]);
    expect(calls).toEqual([['track', 'Lead', {}, { event_id: 'l1' }]]);
  });

  it('holds calls while undecided in a consent mode, and drops them once denied', async () => {
    const calls = recordingTtq();
    const { send, state } = await fresh();
    state._hold = true;
    send('page');
    expect(calls).toEqual([]);
    expect(state._queue).toEqual([['page', []]]);
    state._consent = { adUserData: 'denied', adPersonalization: 'denied' };
    send('page');
    expect(state._queue).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('keeps at most 100 held calls', async () => {
    recordingTtq();
    const { send, state } = await fresh();
    state._hold = true;
    for (let i = 0; i < 150; i++) send('track', ['ViewContent', {}, { event_id: 'e' + i }]);
    expect(state._queue).toHaveLength(100);
  });

  it('never throws when ttq is absent or throws', async () => {
    const { send, callPixel } = await fresh();
    expect(() => send('track', ['Lead'])).not.toThrow();
    (window as any).ttq = { track: () => { throw new Error('pixel broke'); } };
    expect(() => callPixel('track', ['Lead'])).not.toThrow();
  });
});
