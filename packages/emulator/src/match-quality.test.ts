import { describe, expect, it } from 'vitest';
import { pairEvents } from './pairing.js';
import { acceptedJourney, pixel, rejectedJourney, server, T0 } from '../test-support/pair-builders.js';

const LATER = T0 + 10 * 60_000;
const anonymous = { email: false, phone: false, external_id: false, ttclid: true, ttp: true, ip: true, user_agent: true };

describe('match quality per event name', () => {
  it('says which keys arrive on the accepted journey, in plain words', () => {
    const q = pairEvents({ ...acceptedJourney(), now: LATER }).matchQuality;
    expect(q.map((e) => [e.event, e.level])).toEqual([
      ['AddToCart', 'anonymous'], ['CompletePayment', 'identified'], ['InitiateCheckout', 'anonymous'], ['ViewContent', 'anonymous'],
    ]);
    const purchase = q.find((e) => e.event === 'CompletePayment')!;
    expect(purchase).toMatchObject({ serverCopies: 1, browserCopies: 1, withheldByConsent: 0, levelText: 'Identified on every copy' });
    expect(purchase.text).toBe('The server copy has email, phone, external id, click id (ttclid), cookie id (_ttp), IP address, user agent.');
    const view = q.find((e) => e.event === 'ViewContent')!;
    expect(view.levelText).toBe('Anonymous, as expected');
    expect(view.text).toBe('The server copy has click id (ttclid), cookie id (_ttp), IP address, user agent. It has no email, phone, external id: normal before the shopper says who they are.');
    expect(view.keys.find((k) => k.key === 'ip')).toEqual({ key: 'ip', label: 'IP address', kind: 'context', count: 1 });
  });

  it('explains keys withheld by consent on the rejected journey', () => {
    const purchase = pairEvents({ ...rejectedJourney(), now: LATER }).matchQuality.find((e) => e.event === 'CompletePayment')!;
    expect(purchase).toMatchObject({ level: 'anonymous', levelText: 'Anonymous, by consent', withheldByConsent: 1, browserCopies: 0 });
    expect(purchase.text).toBe('The server copy has click id (ttclid), IP address, user agent. It has no email, phone, external id: withheld, because the shopper refused ad data. It has no cookie id (_ttp): the cookie is not set without consent.');
  });

  it('counts partial coverage and calls missing IP or user agent thin', () => {
    const report = pairEvents({
      server: [server('Lead', 'a'), server('Lead', 'b', { keys: { ...anonymous, ip: false } }), server('Lead', 'c', { keys: anonymous })],
      pixel: [pixel('Lead', 'a'), pixel('Lead', 'b'), pixel('Lead', 'c')],
      now: LATER,
    });
    const lead = report.matchQuality[0]!;
    expect(lead).toMatchObject({ event: 'Lead', serverCopies: 3, level: 'thin' });
    expect(lead.keys.find((k) => k.key === 'email')!.count).toBe(1);
    expect(lead.text).toBe('All 3 server copies have click id (ttclid), cookie id (_ttp), user agent. Some have email (1 of 3), IP address (2 of 3). None has phone, external id: add them where the shopper has given them.');
  });

  it('reports events seen only in the browser as having no server copies', () => {
    const q = pairEvents({ server: [], pixel: [pixel('Search', 's1')], now: LATER }).matchQuality;
    expect(q).toEqual([expect.objectContaining({ event: 'Search', serverCopies: 0, browserCopies: 1, level: 'no_server_copies' })]);
  });
});
