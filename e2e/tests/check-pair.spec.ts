/** The pair check itself (no browser): it must accept a true pair and reject every way a pair breaks. */
import { expect, test } from '@playwright/test';
import { checkAllPairs, checkPair } from './support/check-pair.js';

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
