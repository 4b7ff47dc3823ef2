import { beforeEach, describe, expect, it } from 'vitest';
import { freshApi, freshModules, nextTask, recordingTtq, resetPage, watchCookies } from './test-helpers.js';

/** What reached the cookie jar for `name` (the browser's view, after the writes settled). */
const jar = (name: string) => document.cookie.split('; ').find((pair) => pair.startsWith(name + '='));

function gtag(..._args: unknown[]) {
  // gtag pushes its `arguments` object, as Google's snippet does
  (window as any).dataLayer.push(arguments);
}

/** A TCF CMP stub; `decide` plays the visitor's answer with the given purpose consents. */
function tcf() {
  const listeners: Array<(data: unknown, ok: boolean) => void> = [];
  (window as any).__tcfapi = (command: string, _version: number, callback: (data: unknown, ok: boolean) => void) => {
    if (command === 'addEventListener') listeners.push(callback);
  };
  return (...granted: number[]) => {
    const consents = Object.fromEntries(granted.map((p) => [p, true]));
    for (const l of listeners) l({ eventStatus: 'useractioncomplete', gdprApplies: true, cmpId: 5, cmpVersion: 1, purpose: { consents, legitimateInterests: {} } }, true);
  };
}

beforeEach(() => resetPage('https://shop.example.com/?ttclid=E.C.P.store'));

describe('storeClickId: click-id cookies wait for the storage consent', () => {
  it('without a consent source: written on the next task, not during init', async () => {
    const { init } = await freshApi();
    const writes = watchCookies();
    init({});
    expect(writes, 'no cookie round trip on the start-up path').toEqual([]);
    await nextTask();
    expect(jar('ttclid')).toBe('ttclid=E.C.P.store');
  });

  it('without a consent source, a denial from consent() still keeps it off the device', async () => {
    const { init, consent } = await freshApi();
    init({});
    consent({ adUserData: 'denied' });
    await nextTask();
    expect(jar('ttclid')).toBeUndefined();
  });

  it('in a consent mode: nothing before a decision, yet context() carries the id', async () => {
    const { init, context } = await freshApi();
    const writes = watchCookies();
    init({ consent: 'manual' });
    await nextTask();
    await nextTask();
    expect(writes).toEqual([]);
    expect(context().ttclid).toBe('E.C.P.store');
  });

  it('manual: a grant writes it (adStorage follows adUserData when left out)', async () => {
    const { init, consent } = await freshApi();
    init({ consent: 'manual' });
    await nextTask();
    expect(jar('ttclid')).toBeUndefined();
    consent({ adUserData: 'granted', adPersonalization: 'denied' });
    await nextTask();
    expect(jar('ttclid')).toBe('ttclid=E.C.P.store');
  });

  it('manual: while a denial stands it is never written, not even when a later page view captures it again', async () => {
    const { init, consent, page, context } = await freshApi();
    init({ consent: 'manual' });
    consent({ adUserData: 'denied', adPersonalization: 'denied' });
    await nextTask();
    page();
    dispatchEvent(new Event('pagehide'));
    await nextTask();
    expect(jar('ttclid')).toBeUndefined();
    expect(context().ttclid, 'kept in memory for the hand-off (the server decides its use)').toBe('E.C.P.store');
  });

  it('manual: adStorage apart from adUserData (Pixel released, no cookie; and the other way round)', async () => {
    const calls = recordingTtq();
    const { init, consent } = await freshApi();
    init({ consent: 'manual' });
    consent({ adUserData: 'granted', adStorage: 'denied' });
    await nextTask();
    expect(calls.map((c) => c[0])).toContain('grantConsent');
    expect(jar('ttclid')).toBeUndefined();
    consent({ adStorage: true });
    (window as any).happyDOM.setURL('https://shop.example.com/?ttclid=E.C.P.later');
    const { page } = await import('./page.js');
    page();
    await nextTask();
    expect(jar('ttclid')).toBe('ttclid=E.C.P.later');
  });

  it('a denial between capture and the write wins', async () => {
    const { init, consent } = await freshApi();
    init({ consent: 'manual' });
    consent({ adUserData: 'granted' });
    consent({ adUserData: 'denied' });
    await nextTask();
    expect(jar('ttclid')).toBeUndefined();
  });

  it('TCF: purpose 1 is the storage consent (a later grant, the visitor changing their mind, writes it)', async () => {
    const decide = tcf();
    const { init } = await freshApi();
    init({ consent: 'tcf' });
    decide(7, 3, 4);
    await nextTask();
    expect(jar('ttclid'), 'no purpose 1: no cookie').toBeUndefined();
    decide(1);
    await nextTask();
    expect(jar('ttclid')).toBe('ttclid=E.C.P.store');
  });

  it('Consent Mode: ad_storage is the storage consent; without it, ad_user_data decides', async () => {
    (window as any).dataLayer = [];
    const { init } = await freshApi();
    init({ consent: 'gcm' });
    gtag('consent', 'update', { ad_storage: 'denied', ad_user_data: 'granted' });
    await nextTask();
    expect(jar('ttclid')).toBeUndefined();
    gtag('consent', 'update', { ad_storage: 'granted' });
    await nextTask();
    expect(jar('ttclid')).toBe('ttclid=E.C.P.store');
  });

  it('a page that leaves at once still keeps its click id (pagehide flushes before the timer)', async () => {
    const { init } = await freshApi();
    init({});
    dispatchEvent(new Event('pagehide'));
    expect(jar('ttclid')).toBe('ttclid=E.C.P.store');
  });

  it('a hidden page flushes too (visibilitychange), once storage is granted', async () => {
    const { init, consent } = await freshApi();
    init({ consent: 'manual' });
    consent({ adUserData: 'granted' });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(jar('ttclid')).toBe('ttclid=E.C.P.store');
  });

  it('is the one door for other click ids too (a name and a lifetime of their own)', async () => {
    await freshModules();
    const { state } = await import('./state.js');
    const { storeClickId } = await import('./click-storage.js');
    state._hold = true;
    storeClickId('_fbc', 'fb.1.1764000000000.IwAR', 90);
    await nextTask();
    expect(jar('_fbc')).toBeUndefined();
    state._storage = 'granted';
    const writes = watchCookies();
    storeClickId('_fbc', 'fb.1.1764000000000.IwAR', 90);
    await nextTask();
    expect(jar('_fbc')).toBe('_fbc=fb.1.1764000000000.IwAR');
    expect(writes.find((w) => w.startsWith('_fbc='))).toMatch(/expires=/i);
  });
});
