import { describe, expect, it } from 'vitest';
import { pairEvents, type Pair } from './pairing.js';
import { acceptedJourney, consentCall, pixel, rejectedJourney, server, T0 } from '../test-support/pair-builders.js';

const LATER = T0 + 10 * 60_000;
const byEvent = (pairs: Pair[], event: string) => pairs.find((p) => p.event === event)!;
const findingCodes = (p: Pair) => p.findings.map((f) => f.code);

describe('verdicts for the demo journeys', () => {
  it('a perfect accepted journey is OK on every pair, with anonymous browsing events fine rather than flagged', () => {
    const report = pairEvents({ ...acceptedJourney(), now: LATER });
    expect(report.pairs.map((p) => [p.event, p.verdict, p.code])).toEqual([
      ['CompletePayment', 'ok', 'paired'], ['InitiateCheckout', 'ok', 'paired'], ['AddToCart', 'ok', 'paired'], ['ViewContent', 'ok', 'paired'],
    ]);
    expect(report.summary).toMatchObject({ pairs: 4, ok: 4, attention: 0, broken: 0, clean: 4, warnings: {} });
    expect(report.summary.headline).toBe('All 4 events are correct.');
    const view = byEvent(report.pairs, 'ViewContent');
    expect(view.findings).toContainEqual(expect.objectContaining({ code: 'anonymous_upper_funnel', level: 'ok' }));
    expect(view.reason).toBe('Both copies arrived 0.1 s apart; TikTok merges them and counts the action once.');
    expect(byEvent(pairEvents({ server: [server('Lead', 'l', { at: T0 + 40 })], pixel: [pixel('Lead', 'l')], now: LATER }).pairs, 'Lead'))
      .toMatchObject({ gapText: 'within 0.1 s', reason: 'Both copies arrived within 0.1 s; TikTok merges them and counts the action once.' });
    expect(view).toMatchObject({ gapText: '0.1 s apart', verdictLabel: 'OK', pixelState: { state: 'sent', text: 'Sent' }, serverState: { state: 'accepted', text: 'Accepted' } });
  });

  it('a rejected journey shows every pair as not sent by consent, OK, with no missing-pixel warning', () => {
    const report = pairEvents({ ...rejectedJourney(), now: LATER });
    expect(report.pairs).toHaveLength(4);
    for (const pair of report.pairs) {
      expect(pair, pair.event).toMatchObject({ verdict: 'ok', code: 'pixel_not_sent', pixelState: { state: 'not_sent_by_consent', text: 'Not sent, by consent' }, warnings: [] });
      expect(findingCodes(pair)).toContain('anonymous_by_consent');
      expect(pair.reason).toContain('by consent');
    }
    expect(report.summary).toMatchObject({ ok: 4, notSentByConsent: 4, serverOnly: 4, serverOnlyByConsent: 4, warnings: {} });
    expect(report.summary.headline).toBe('All 4 events are correct: 4 not sent by the browser, by consent.');
  });

  it('without a declared consent, the page consent trail explains the missing pixel copy; a granted page does not', () => {
    const rejected = pairEvents({ ...rejectedJourney({ declareConsent: false }), now: LATER });
    expect(rejected.pairs.map((p) => p.code)).toEqual(['pixel_not_sent', 'pixel_not_sent', 'pixel_not_sent', 'pixel_not_sent']);
    expect(rejected.pairs[0]!.findings[0]!.detail).toContain('the page recorded a consent refusal');

    const url = 'https://shop.example/products/SKU-481';
    const copy = server('ViewContent', 'v1', { keys: { email: false, phone: false, external_id: false, ttclid: true, ttp: false, ip: true, user_agent: true }, body: { event: 'ViewContent', event_time: 1, page: { url } } });
    const held = pairEvents({ server: [copy], pixel: [consentCall('holdConsent', 'pg', url, T0)], now: LATER });
    expect(held.pairs[0]).toMatchObject({ verdict: 'ok', code: 'pixel_not_sent' });
    expect(held.pairs[0]!.reason).toContain('held');
    // The grant's beacon may land before the hold's: the in-page order decides, not arrival.
    const hold = consentCall('holdConsent', 'pg', url, T0 + 5);
    const grant = consentCall('grantConsent', 'pg', url, T0);
    const granted = pairEvents({ server: [copy], pixel: [grant, hold].map((c, i) => ({ ...c, callId: `pg-${i === 0 ? 2 : 1}` })), now: LATER });
    expect(granted.pairs[0]).toMatchObject({ verdict: 'attention', code: 'pixel_missing', pixelState: { state: 'missing' } });
  });
});

describe('verdict levels', () => {
  it('waits a minute for the twin before calling a copy missing', () => {
    const input = { server: [server('Purchase', 's_only', { at: T0 })], pixel: [pixel('Purchase', 'p_only', { at: T0 })] };
    const soon = pairEvents({ ...input, now: T0 + 5_000 });
    expect(soon.pairs.map((p) => [p.eventId, p.verdict, p.code]).sort()).toEqual([['p_only', 'attention', 'server_pending'], ['s_only', 'attention', 'pixel_pending']]);
    expect(soon.pairs.find((p) => p.eventId === 'p_only')!.serverState.text).toBe('Waiting for the server copy');
    const late = pairEvents({ ...input, now: T0 + 61_000 });
    expect(late.pairs.map((p) => [p.eventId, p.verdict, p.code]).sort()).toEqual([['p_only', 'broken', 'server_missing'], ['s_only', 'attention', 'pixel_missing']]);
  });

  it('a name mismatch is broken with plain words and the developer detail beside it; the missing side is not flagged twice', () => {
    const report = pairEvents({ server: [server('Purchase', 'ord_2')], pixel: [pixel('CompletePayment', 'ord_2')], now: LATER });
    const p = byEvent(report.pairs, 'CompletePayment');
    expect(p).toMatchObject({ verdict: 'broken', verdictLabel: 'Broken', code: 'name_mismatch', pixelState: { state: 'sent' }, serverState: { text: 'None under this name' } });
    expect(p.reason).toBe('The browser sent CompletePayment and the server sent Purchase for the same action, so TikTok counts it twice.');
    expect(p.findings[0]!.detail).toContain('with event_id ord_2');
    expect(findingCodes(p)).not.toContain('server_missing');
    expect(report.summary.headline).toMatch(/^2 of 2 events are broken: TikTok will count them wrongly/);
  });

  it('strong keys are expected on lower-funnel events only, unless consent withheld them; sending them anyway is broken', () => {
    const anonymous = { email: false, phone: false, external_id: false, ttclid: true, ttp: true, ip: true, user_agent: true };
    const report = pairEvents({
      server: [
        server('CompletePayment', 'ord_9', { keys: anonymous }),
        server('AddToCart', 'cart_9', { keys: { ...anonymous, ip: false } }),
        server('SubmitForm', 'lead_9', { adUserData: 'DENIED' }),
      ],
      pixel: [pixel('CompletePayment', 'ord_9'), pixel('AddToCart', 'cart_9'), pixel('SubmitForm', 'lead_9', { consent: 'revoked', status: 'dropped' })],
      now: LATER,
    });
    expect(byEvent(report.pairs, 'CompletePayment')).toMatchObject({ verdict: 'attention', code: 'no_strong_key' });
    expect(byEvent(report.pairs, 'AddToCart')).toMatchObject({ verdict: 'attention', code: 'missing_ip' });
    expect(findingCodes(byEvent(report.pairs, 'AddToCart'))).not.toContain('no_strong_key');
    expect(byEvent(report.pairs, 'SubmitForm')).toMatchObject({ verdict: 'broken', code: 'user_data_despite_refusal' });
  });

  it('flags a pixel copy sent although the server copy says consent was refused, and copies too far apart to merge', () => {
    const report = pairEvents({
      server: [server('ViewContent', 'v_2', { adUserData: 'DENIED', keys: { email: false, phone: false, external_id: false, ttclid: true, ttp: true, ip: true, user_agent: true } }), server('Lead', 'l_2', { at: T0 + 7 * 60_000 })],
      pixel: [pixel('ViewContent', 'v_2', { consent: 'granted' }), pixel('Lead', 'l_2')],
      now: LATER,
    });
    expect(byEvent(report.pairs, 'ViewContent')).toMatchObject({ verdict: 'attention', code: 'consent_mismatch' });
    expect(byEvent(report.pairs, 'Lead')).toMatchObject({ verdict: 'attention', code: 'outside_merge_window' });
    expect(byEvent(report.pairs, 'Lead').reason).toContain('7 min apart');
  });

  it('shows consent and limited_data_use as words, never raw null or true', () => {
    const report = pairEvents({ ...rejectedJourney(), now: LATER });
    expect(report.pairs[0]!.server!.consent).toEqual({
      adUserData: 'denied', adPersonalization: 'denied', limitedDataUse: 'on',
      text: ['Ad data: refused', 'Personalised ads: refused', 'Limited data use: on (TikTok limits how it uses this event)'],
    });
    const accepted = pairEvents({ ...acceptedJourney(), now: LATER });
    expect(accepted.pairs[0]!.server!.consent.text).toEqual(['Ad data: granted', 'Personalised ads: granted', 'Limited data use: not set (same as off)']);
    expect(accepted.pairs[0]!.pixel!.consentText).toBe('consent granted');
    expect(JSON.stringify(accepted.pairs.map((p) => [p.reason, p.server?.consent.text, p.pixel?.consentText]))).not.toMatch(/null|undefined|true|false/);
  });
});
