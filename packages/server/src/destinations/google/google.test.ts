import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeEnvelope } from '../../envelope/normalized-event.js';
import { googleDestination, type GoogleSettings } from './google.js';
import type { GoogleEvent } from './wire.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const NOW = Date.parse('2026-11-25T12:00:00Z');
const settings: GoogleSettings = { customerId: '123-456-7890', conversionActions: { Purchase: '987654', Lead: '555' }, accessToken: async () => 'ya29.test-token' };
const google = googleDestination(settings);

const base = {
  event: 'CompletePayment', eventId: 'ord_10492_complete_payment', eventTime: NOW / 1000 - 60,
  user: { gclid: 'EAIaIQobChMI-test', ip: '203.0.113.42', userAgent: 'Mozilla/5.0', country: 'US' },
  properties: { value: 129.95, currency: 'EUR', contents: [{ contentId: 'SKU-481', quantity: 2, price: 64.975 }] },
  consent: { adUserData: 'granted', adPersonalization: 'denied', region: 'US-CA' },
};

function prepare(envelope: Record<string, unknown>, destination = google) {
  const n = normalizeEnvelope(envelope, { now: NOW });
  if (!n.ok) throw new Error(JSON.stringify(n.errors));
  return destination.prepare(n.event);
}
function wire(envelope: Record<string, unknown>): GoogleEvent {
  const r = prepare(envelope);
  if (r.ok !== true) throw new Error(JSON.stringify(r));
  return r.prepared.wire as GoogleEvent;
}

describe("Google's normalisation (destinations.md B6)", () => {
  it('applies the Gmail rule to gmail.com and googlemail.com only', () => {
    expect(wire({ ...base, user: { ...base.user, email: 'Cloudy.San.Francisco+shop@Gmail.com' } }).userData?.userIdentifiers).toContainEqual({ emailAddress: '223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4' });
    expect(wire({ ...base, user: { ...base.user, email: 'user.name+NYC@example.com' } }).userData?.userIdentifiers).toContainEqual({ emailAddress: 'f109a2a632fbcea5fc82049f50beed3d8621bf9034399f437fb622222acccdac' });
  });

  it('hashes the phone as E.164 with its + (the same parse TikTok uses)', () => {
    expect(wire({ ...base, user: { ...base.user, phone: '(800) 555-0100' } }).userData?.userIdentifiers).toContainEqual({ phoneNumber: 'fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30' });
  });

  it('builds an address identifier only when all four parts are known, names hashed, region and postal code plain', () => {
    const ids = wire({ ...base, user: { ...base.user, firstName: 'Dr. Ann', lastName: 'Lee Jr.', zip: '94103' } }).userData?.userIdentifiers;
    expect(ids).toContainEqual({ address: { givenName: sha('ann'), familyName: sha('lee'), regionCode: 'US', postalCode: '94103' } });
    expect(wire({ ...base, user: { ...base.user, firstName: 'Ann' } }).userData).toBeUndefined();
  });

  it('does not send an email the app hashed itself (its Gmail rule is unknown)', () => {
    const r = prepare({ ...base, user: { ...base.user, email: sha('someone@gmail.com') } });
    expect(r.ok === true && (r.prepared.wire as GoogleEvent).userData).toBeUndefined();
    expect(r.ok === true && r.prepared.warnings.map((w) => w.path)).toContain('user.email');
  });
});

describe('the Google wire event', () => {
  it('carries the shared id as transactionId, RFC 3339 time, value, cart, click id, device, and the consent flags', () => {
    const w = wire(base);
    expect(w).toEqual({
      transactionId: 'ord_10492_complete_payment',
      eventTimestamp: '2026-11-25T11:59:00Z',
      eventSource: 'WEB',
      conversionValue: 129.95,
      currency: 'EUR',
      cartData: { items: [{ merchantProductId: 'SKU-481', quantity: 2, unitPrice: 64.975 }] },
      adIdentifiers: { gclid: 'EAIaIQobChMI-test' },
      eventDeviceInfo: { userAgent: 'Mozilla/5.0', ipAddress: '203.0.113.42' },
      consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_DENIED' },
    });
  });

  it.each([['DE'], ['FR'], ['GB'], ['CH'], ['NO']])('leaves the IP out for a visitor in %s (EEA, UK, Switzerland)', (region) => {
    const w = wire({ ...base, consent: { ...base.consent, region } });
    expect(w.eventDeviceInfo).toEqual({ userAgent: 'Mozilla/5.0' });
  });

  it('reads the region from user.country when consent has none, and keeps the IP elsewhere', () => {
    expect(wire({ ...base, consent: { adUserData: 'granted', adPersonalization: 'granted' }, user: { ...base.user, country: 'IT' } }).eventDeviceInfo?.ipAddress).toBeUndefined();
    expect(wire({ ...base, consent: { ...base.consent, region: 'BR' } }).eventDeviceInfo?.ipAddress).toBe('203.0.113.42');
  });

  it('adUserData denied withholds user.country from the copy, yet an EEA visitor\'s IP still stays out (the consent decision read the country)', () => {
    const denied = { adUserData: 'denied', adPersonalization: 'denied' } as const;
    expect(wire({ ...base, user: { ...base.user, country: 'DE' }, consent: denied }).eventDeviceInfo).toEqual({ userAgent: 'Mozilla/5.0' });
    expect(wire({ ...base, consent: denied }).eventDeviceInfo?.ipAddress, 'a US visitor keeps it').toBe('203.0.113.42');
  });

  it('adUserData denied: CONSENT_DENIED, no user identifiers, the gclid kept; nothing to match → skipped', () => {
    const denied = { adUserData: 'denied', adPersonalization: 'denied', region: 'US-CA' };
    const w = wire({ ...base, user: { ...base.user, email: 'a@example.com', phone: '+18005550100' }, consent: denied });
    expect(w.consent).toEqual({ adUserData: 'CONSENT_DENIED', adPersonalization: 'CONSENT_DENIED' });
    expect(w.userData).toBeUndefined();
    expect(w.adIdentifiers).toEqual({ gclid: 'EAIaIQobChMI-test' });
    expect(prepare({ ...base, user: { userAgent: 'UA' }, consent: denied })).toMatchObject({ ok: 'skipped', reason: expect.stringContaining('nothing Google could match') });
  });

  it('maps event names through core to conversion actions; an unmapped event is skipped, not an error', () => {
    const r = prepare({ ...base, event: 'SubmitForm', eventId: 'lead_1_submit' });
    expect(r.ok === true && [r.prepared.event, r.prepared.batch, r.prepared.account]).toEqual(['555', '555', '1234567890']);
    expect(prepare({ ...base, event: 'AddToCart' })).toEqual({ ok: 'skipped', reason: 'no Google conversion action is configured for AddToCart' });
  });

  it('sends gclid, else gbraid, else wbraid — never two', () => {
    expect(wire({ ...base, user: { ...base.user, gclid: undefined, gbraid: 'GB', wbraid: 'WB' } }).adIdentifiers).toEqual({ gbraid: 'GB' });
    expect(wire({ ...base, user: { ...base.user, gclid: undefined, wbraid: 'WB' } }).adIdentifiers).toEqual({ wbraid: 'WB' });
  });
});

describe('the Google request', () => {
  it('names the operating account and conversion action, HEX encoding, the bearer token in a header', async () => {
    const r = await google.request('987654', [{ wireJson: '{"transactionId":"t1"}' }]);
    if ('kind' in r) throw new Error(r.reason);
    expect(r.url.toString()).toBe('https://datamanager.googleapis.com/v1/events:ingest');
    expect(r.headers.authorization).toBe('Bearer ya29.test-token');
    expect(JSON.parse(r.body!)).toEqual({
      destinations: [{ operatingAccount: { accountType: 'GOOGLE_ADS', accountId: '1234567890' }, productDestinationId: '987654' }],
      encoding: 'HEX',
      events: [{ transactionId: 't1' }],
    });
  });

  it('validateOnly is the test mode; a manager account rides as loginAccount', () => {
    const d = googleDestination({ ...settings, validateOnly: true, loginCustomerId: '111-222-3333' });
    expect(JSON.parse(d.body('987654', []))).toMatchObject({ validateOnly: true, destinations: [{ loginAccount: { accountType: 'GOOGLE_ADS', accountId: '1112223333' } }] });
  });

  it('a token that cannot be had is the outcome, and no request is made', async () => {
    const d = googleDestination({ ...settings, accessToken: async () => ({ kind: 'stop', reason: 'token_invalid', latencyMs: 0 }) });
    expect(await d.request('987654', [])).toEqual({ kind: 'stop', reason: 'token_invalid', latencyMs: 0 });
  });

  it.each([
    [{ ...settings, customerId: '12345' }, /customer id/],
    [{ ...settings, conversionActions: {} }, /conversion action/],
    [{ ...settings, conversionActions: { Purchase: 'AW-123/abc' } }, /conversion action id for Purchase/],
    [{ ...settings, credentials: { type: 'authorized_user', private_key: 'x' } }, /service-account key/],
  ])('refuses %j at construction, without echoing key material', (bad, message) => {
    expect(() => googleDestination(bad as GoogleSettings)).toThrow(message);
  });
});
