/** The pair checks themselves (no browser): each must accept a true pair and reject every way a pair breaks. */
import { expect, test } from '@playwright/test';
import { checkAllGooglePairs, checkAllMetaPairs, checkAllPairs, checkGooglePair, checkMetaPair, checkPair } from './support/check-pair.js';

const pixel = { pixelId: 'CPIXEL', method: 'track', event: 'CompletePayment', eventId: 'ord_10492_complete_payment', status: 'sent' };
const server = { pixelId: 'CPIXEL', event: 'CompletePayment', eventId: 'ord_10492_complete_payment' };

test.describe('checkPair', () => {
  test('accepts copies with the same pixel id, event name and event_id', () => {
    expect(checkPair(pixel, server)).toEqual({ ok: true });
  });

  test('rejects a server copy whose event_id was changed', () => {
    const result = checkPair(pixel, { ...server, eventId: 'ord_10492_payment' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('event_id differs');
  });

  test('rejects a server copy whose event name was changed (Purchase never merges with CompletePayment)', () => {
    const result = checkPair(pixel, { ...server, event: 'Purchase' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('event name differs');
  });

  test('rejects a missing side, another pixel, and a pixel call that was held or dropped', () => {
    expect(checkPair(undefined, server)).toEqual({ ok: false, problems: ['pixel copy missing'] });
    expect(checkPair(pixel, undefined)).toEqual({ ok: false, problems: ['server copy missing'] });
    expect(checkPair(pixel, { ...server, pixelId: 'COTHER' }).ok).toBe(false);
    expect(checkPair({ ...pixel, status: 'held' }, server).ok).toBe(false);
  });

  test('checkAllPairs reports every sent track call without a twin', () => {
    const results = checkAllPairs([pixel, { ...pixel, event: 'ViewContent', eventId: 'view_1' }, { ...pixel, method: 'page', event: null, eventId: null }], [server]);
    expect(results.map((r) => r.check.ok)).toEqual([true, false]);
  });
});

test.describe('checkMetaPair (fbq eventID ↔ Conversions API event_id, under Meta\'s event name)', () => {
  const fire = { pixelId: '1000000000000001', method: 'track', event: 'Purchase', eventId: 'ord_10492_complete_payment', status: 'sent' };
  const capi = { pixelId: '1000000000000001', event: 'Purchase', eventId: 'ord_10492_complete_payment' };

  test('accepts a fire and a CAPI copy with the same pixel, Meta name and id', () => {
    expect(checkMetaPair(fire, capi)).toEqual({ ok: true });
    expect(checkMetaPair({ ...fire, method: 'trackCustom', event: 'Fitting' }, { ...capi, event: 'Fitting' })).toEqual({ ok: true });
  });

  test('control: a mismatched event_id, TikTok\'s name on the CAPI copy, another pixel, a held fire, a ttq-style method each fail', () => {
    expect(checkMetaPair(fire, { ...capi, eventId: 'ord_10492_purchase' })).toEqual({ ok: false, problems: ['event_id differs: pixel "ord_10492_complete_payment", server "ord_10492_purchase"'] });
    expect(JSON.stringify(checkMetaPair(fire, { ...capi, event: 'CompletePayment' }))).toContain('event name differs');
    expect(JSON.stringify(checkMetaPair(fire, { ...capi, pixelId: '2000000000000002' }))).toContain('pixel id differs');
    expect(JSON.stringify(checkMetaPair({ ...fire, status: 'held' }, capi))).toContain('pixel copy was held, not sent');
    expect(JSON.stringify(checkMetaPair({ ...fire, method: 'consent' }, capi))).toContain('not fbq.track or fbq.trackCustom');
    expect(checkMetaPair(fire, undefined)).toEqual({ ok: false, problems: ['server copy missing'] });
  });

  test('checkAllMetaPairs skips PageView (no server copy by design) and reports a fire without a twin', () => {
    const results = checkAllMetaPairs([fire, { ...fire, event: 'PageView', eventId: 'pv_1' }, { ...fire, event: 'ViewContent', eventId: 'view_1' }], [capi]);
    expect(results.map((r) => [r.event, r.check.ok])).toEqual([['Purchase', true], ['ViewContent', false]]);
  });
});

test.describe('checkGooglePair (tag transaction_id ↔ Data Manager transactionId, to the event\'s label and conversion action)', () => {
  const setting = { event: 'Purchase', tagId: 'AW-1000000001', label: 'purchase', action: '100001' };
  const tag = { tagId: 'AW-1000000001', label: 'purchase', sendTo: 'AW-1000000001/purchase', conversion: true, status: 'sent', transactionId: 'ord_10492_complete_payment', transactionIdType: 'string' };
  const server = { conversionAction: '100001', transactionId: 'ord_10492_complete_payment' };

  test('accepts a tag conversion and a server copy with the same transaction id, label and action; cookieless counts as sent', () => {
    expect(checkGooglePair(tag, server, setting)).toEqual({ ok: true });
    expect(checkGooglePair({ ...tag, status: 'cookieless' }, server, setting)).toEqual({ ok: true });
  });

  test('control: a mismatched transaction id, a numeric one, another label, another action, a held hit each fail', () => {
    expect(checkGooglePair(tag, { ...server, transactionId: 'ord_10492_purchase' }, setting)).toEqual({ ok: false, problems: ['transaction_id differs: tag "ord_10492_complete_payment", server "ord_10492_purchase"'] });
    expect(JSON.stringify(checkGooglePair({ ...tag, transactionIdType: 'number' }, server, setting))).toContain('not a string');
    expect(JSON.stringify(checkGooglePair({ ...tag, label: 'lead' }, server, setting))).toContain('conversion label differs');
    expect(JSON.stringify(checkGooglePair(tag, { ...server, conversionAction: '100002' }, setting))).toContain('conversion action differs');
    expect(JSON.stringify(checkGooglePair({ ...tag, status: 'held' }, server, setting))).toContain('was held, not sent');
    expect(checkGooglePair(undefined, server, setting)).toEqual({ ok: false, problems: ['tag conversion missing'] });
  });

  test('checkAllGooglePairs reports a conversion without a server copy', () => {
    const results = checkAllGooglePairs([tag, { ...tag, transactionId: 'lead_7_lead' }], [server], [setting]);
    expect(results.map((r) => r.check.ok)).toEqual([true, false]);
  });
});
