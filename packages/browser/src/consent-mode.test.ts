import { beforeEach, describe, expect, it } from 'vitest';
import { freshApi, recordingTtq, resetPage } from './test-helpers.js';

/** gtag as Google's snippet defines it: pushes its `arguments` object to the dataLayer. */
function gtag(..._args: unknown[]) {
  // eslint-disable-next-line prefer-rest-params
  (window as any).dataLayer.push(arguments);
}

beforeEach(() => {
  resetPage('https://shop.example.fr/');
  (window as any).dataLayer = [];
});

describe('listenConsentMode', () => {
  it('reads a denied default already in the dataLayer (held), then follows the update (released)', async () => {
    const calls = recordingTtq();
    gtag('consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
    const { init, track, context } = await freshApi();
    init({ consent: 'gcm' });
    const id = track('ViewContent');
    expect(calls).toEqual([['holdConsent']]);
    gtag('consent', 'update', { ad_user_data: 'granted', ad_personalization: 'denied' });
    expect(calls.slice(1)).toEqual([['grantConsent'], ['track', 'ViewContent', {}, { event_id: id }]]);
    expect(context().consent).toMatchObject({ adUserData: 'granted', adPersonalization: 'denied', cmp: { name: 'consent-mode', version: '2' } });
  });

  it('a denied update revokes', async () => {
    const calls = recordingTtq();
    const { init, track } = await freshApi();
    init({ consent: 'gcm' });
    track('ViewContent');
    gtag('consent', 'update', { ad_user_data: 'denied', ad_personalization: 'denied' });
    expect(calls).toEqual([['holdConsent'], ['revokeConsent']]);
  });

  it('a global granted default counts as the decision', async () => {
    const calls = recordingTtq();
    gtag('consent', 'default', { ad_user_data: 'granted', ad_personalization: 'granted' });
    const { init } = await freshApi();
    init({ consent: 'gcm' });
    expect(calls).toEqual([['holdConsent'], ['grantConsent']]);
  });

  it('a granted default does not grant when another default (e.g. an EEA one) denied, nor when region-scoped', async () => {
    const calls = recordingTtq();
    gtag('consent', 'default', { ad_user_data: 'denied', region: ['DE', 'FR'] });
    gtag('consent', 'default', { ad_user_data: 'granted', ad_personalization: 'granted' });
    gtag('consent', 'default', { ad_user_data: 'granted', region: ['US'] });
    const { init, consent } = await freshApi();
    init({ consent: 'gcm' });
    expect(calls).toEqual([['holdConsent']]);
    expect(consent().adUserData).toBe('unknown');
  });

  it('uses ad_storage (Consent Mode v1) when the v2 signals are missing', async () => {
    const calls = recordingTtq();
    const { init } = await freshApi();
    init({ consent: 'gcm' });
    gtag('consent', 'update', { ad_storage: 'granted' });
    expect(calls).toEqual([['holdConsent'], ['grantConsent']]);
  });

  it('keeps dataLayer.push working for everyone else, plain objects included', async () => {
    recordingTtq();
    const { listenConsentMode } = await freshApi();
    expect(listenConsentMode()).toBe(true);
    const layer = (window as any).dataLayer;
    const length = layer.push({ event: 'gtm.js' }, ['consent']);
    expect(length).toBe(2);
    expect(layer[0]).toEqual({ event: 'gtm.js' });
  });

  it('creates the dataLayer when the page has none', async () => {
    delete (window as any).dataLayer;
    const { listenConsentMode } = await freshApi();
    listenConsentMode();
    expect(Array.isArray((window as any).dataLayer)).toBe(true);
  });
});
