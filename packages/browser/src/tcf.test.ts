import { beforeEach, describe, expect, it } from 'vitest';
import { fromTcData } from './tcf.js';
import { freshApi, recordingTtq, resetPage } from './test-helpers.js';

type Listener = (data: unknown, ok: boolean) => void;

/** A CMP stub speaking TCF v2: records listeners so the test can play the visitor. */
function tcfStub() {
  const listeners: Listener[] = [];
  (window as any).__tcfapi = (command: string, version: number, callback: Listener) => {
    if (command === 'addEventListener' && version === 2) listeners.push(callback);
  };
  return (data: object, ok = true) => listeners.forEach((l) => l({ cmpId: 10, cmpVersion: 3, gdprApplies: true, ...data }, ok));
}

const purposes = (ids: number[], interests: number[] = []) => ({
  consents: Object.fromEntries(ids.map((id) => [id, true])),
  legitimateInterests: Object.fromEntries(interests.map((id) => [id, true])),
});

beforeEach(() => resetPage('https://shop.example.de/'));

describe('fromTcData', () => {
  it('maps purposes 1+7 to adUserData, 3+4 to adPersonalization and 1 to adStorage', () => {
    expect(fromTcData({ gdprApplies: true, cmpId: 7, cmpVersion: 2, purpose: purposes([1, 3, 4, 7]) })).toEqual({
      adUserData: true, adPersonalization: true, adStorage: true, cmp: { name: 'tcf:7', version: '2' },
    });
    expect(fromTcData({ gdprApplies: true, purpose: purposes([1, 7]) })).toMatchObject({ adUserData: true, adPersonalization: false, adStorage: true });
    expect(fromTcData({ gdprApplies: true, purpose: purposes([3, 4]) })).toMatchObject({ adUserData: false, adPersonalization: true, adStorage: false });
    expect(fromTcData({ gdprApplies: true, purpose: purposes([7]) })).toMatchObject({ adStorage: false });
  });

  it('accepts legitimate interest for purpose 7 only', () => {
    expect(fromTcData({ gdprApplies: true, purpose: purposes([1], [7]) })).toMatchObject({ adUserData: true });
    expect(fromTcData({ gdprApplies: true, purpose: purposes([7], [1]) })).toMatchObject({ adUserData: false });
  });

  it('grants both when GDPR does not apply', () => {
    expect(fromTcData({ gdprApplies: false })).toMatchObject({ adUserData: true, adPersonalization: true });
  });
});

describe('listenTcf', () => {
  it('drives the consent state from the CMP: held until useractioncomplete', async () => {
    const calls = recordingTtq();
    const fire = tcfStub();
    const { init, track, context } = await freshApi();
    init({ consent: 'tcf' });
    const id = track('ViewContent');
    fire({ eventStatus: 'cmpuishown', purpose: purposes([]) });
    expect(calls).toEqual([['holdConsent']]);
    fire({ eventStatus: 'useractioncomplete', purpose: purposes([1, 3, 4, 7]) });
    expect(calls.slice(1)).toEqual([['grantConsent'], ['track', 'ViewContent', {}, { event_id: id }]]);
    expect(context().consent).toMatchObject({ adUserData: 'granted', adPersonalization: 'granted', cmp: { name: 'tcf:10', version: '3' } });
  });

  it('a returning visitor (tcloaded) with refusals denies', async () => {
    const calls = recordingTtq();
    const fire = tcfStub();
    const { init, track } = await freshApi();
    init({ consent: 'tcf' });
    track('ViewContent');
    fire({ eventStatus: 'tcloaded', purpose: purposes([1]) });
    expect(calls).toEqual([['holdConsent'], ['revokeConsent']]);
  });

  it('ignores failed callbacks', async () => {
    const calls = recordingTtq();
    const fire = tcfStub();
    const { init } = await freshApi();
    init({ consent: 'tcf' });
    fire({ eventStatus: 'useractioncomplete', purpose: purposes([1, 7]) }, false);
    expect(calls).toEqual([['holdConsent']]);
  });

  it('starts once the CMP appears by window load when it was not there at init', async () => {
    const calls = recordingTtq();
    const { init, listenTcf } = await freshApi();
    expect(listenTcf()).toBe(false);
    init({ consent: 'tcf' });
    const fire = tcfStub();
    window.dispatchEvent(new Event('load'));
    fire({ eventStatus: 'tcloaded', gdprApplies: false });
    expect(calls).toEqual([['holdConsent'], ['grantConsent']]);
  });

  it('never throws when the CMP throws', async () => {
    (window as any).__tcfapi = () => { throw new Error('cmp broke'); };
    const { listenTcf } = await freshApi();
    expect(listenTcf()).toBe(false);
  });
});
