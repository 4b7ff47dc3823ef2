import { describe, expect, it } from 'vitest';
import { pairEvents } from './pairing.js';
import { acceptedJourney, pixel, server, T0 } from '../test-support/pair-builders.js';

const LATER = T0 + 10 * 60_000;

describe('the test event code filter, on both sides', () => {
  it('keeps the browser copies of the filtered pairs, so none of them is flagged server_missing', () => {
    const test = acceptedJourney({ testEventCode: 'TEST123', ttp: 'test_.tt.1', idSuffix: '_t' });
    const live = acceptedJourney({ testEventCode: null, ttp: 'live_.tt.1', idSuffix: '_live' });
    const other = acceptedJourney({ testEventCode: 'OTHER', ttp: 'other_.tt.1', idSuffix: '_o' });
    const all = { server: [...test.server, ...live.server, ...other.server], pixel: [...test.pixel, ...live.pixel, ...other.pixel] };

    const report = pairEvents({ ...all, now: LATER, testEventCode: 'TEST123' });
    expect(report.pairs.map((p) => p.eventId).sort()).toEqual(['cart_1_add_to_cart_t', 'chk_1_initiate_checkout_t', 'ord_1_complete_payment_t', 'view_1_t']);
    expect(report.pairs.every((p) => p.pixel?.status === 'sent' && p.verdict === 'ok')).toBe(true);
    expect(report.summary).toMatchObject({ pairs: 4, paired: 4, ok: 4, warnings: {} });
    expect(report.summary.headline).toBe('All 4 events with test code TEST123 are correct.');
    expect(report.filter).toMatchObject({ testEventCode: 'TEST123', pixelPairedElsewhere: 8, pixelUnattributed: 0 });
    expect(report.filter.rule).toContain("its pair's server copy was sent with that code");

    const unfiltered = pairEvents({ ...all, now: LATER });
    expect(unfiltered.summary).toMatchObject({ pairs: 12, ok: 12 });
  });

  it('attributes a browser copy without a server copy through its browser id, so a real server_missing stays visible', () => {
    const test = acceptedJourney({ testEventCode: 'TEST123', ttp: 'test_.tt.1' });
    const lost = pixel('Search', 'search_1', { ttp: 'test_.tt.1', at: T0 + 5000 });
    const stranger = pixel('Search', 'search_2', { ttp: 'someone_else_.tt.1', at: T0 + 5000 });
    const report = pairEvents({ server: test.server, pixel: [...test.pixel, lost, stranger], now: LATER, testEventCode: 'TEST123' });
    const search = report.pairs.filter((p) => p.event === 'Search');
    expect(search.map((p) => [p.eventId, p.verdict, p.code])).toEqual([['search_1', 'broken', 'server_missing']]);
    expect(report.filter).toMatchObject({ pixelPairedElsewhere: 0, pixelUnattributed: 1 });
  });

  it('filters the server side and the unkeyed counts with it', () => {
    const report = pairEvents({
      server: [server('Lead', 'l1', { testEventCode: 'T1' }), server('Lead', null, { testEventCode: 'T1' }), server('Lead', null, { testEventCode: 'T2' })],
      pixel: [pixel('Pageview', null, { method: 'page', auto: true, ttp: 'x_.tt.1' }), pixel('Pageview', null, { method: 'page', ttp: 'nobody' })],
      now: LATER, testEventCode: 'T1',
    });
    expect(report.unkeyed).toEqual({ serverWithoutEventId: 1, pixelWithoutEventId: 1, autoPageviews: 1 });
    expect(report.summary.headline).not.toContain('No events');
    expect(pairEvents({ server: [], pixel: [], now: LATER, testEventCode: 'NONE' }).summary.headline).toBe('No events with test event code NONE yet.');
  });
});
