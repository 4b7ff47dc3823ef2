/**
 * The Google destination against the local stand-in, whose Data Manager validator and OAuth
 * token endpoint are written from the reference independently of this package: the real
 * google-auth-library flow (the test service account's signed assertion → the stand-in's token
 * endpoint → a bearer token, cached and refreshed), events:ingest, faults and refusals.
 */
import { startEmulator, validateIngestRequest, type Emulator } from '@pixelpair/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../client.js';
import type { Logger } from '../../delivery/logger.js';
import { prepareForDestinations } from '../../prepare.js';
import { googleDestination, type GoogleSettings } from './google.js';

const CUSTOMER = '1234567890';
const PURCHASE = '987654';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const now = () => Math.floor(Date.now() / 1000);
const purchase = (i: number, extra: Record<string, unknown> = {}) => ({
  event: 'Purchase', eventId: `ord_${i}_purchase`, eventTime: now() - 60,
  user: { email: `Buyer.${i}+shop@gmail.com`, phone: '+4915112345678', gclid: `EAIaIQob-${i}`, ip: '203.0.113.7', userAgent: 'Mozilla/5.0', country: 'US' },
  properties: { value: 20 + i, currency: 'EUR', contents: [{ contentId: 'SKU-481', quantity: 1, price: 20 + i }] },
  consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'US-NY' },
  ...extra,
});

function settings(extra: Partial<GoogleSettings> = {}): GoogleSettings {
  return {
    customerId: CUSTOMER, conversionActions: { Purchase: PURCHASE },
    credentials: emulator.google.serviceAccountKey(), tokenUrl: emulator.google.tokenUrl, apiUrl: emulator.google.apiUrl,
    ...extra,
  };
}

function capture() {
  const lines: string[] = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push(JSON.stringify({ level, msg, ...obj }));
  const logger: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, logger };
}

describe('Google destination ↔ the Data Manager stand-in', () => {
  it('gets one OAuth token through google-auth-library, caches it, and every copy is ingested once under its transaction id', async () => {
    const google = googleDestination(settings());
    const client = createClient({ destinations: [google], logger: capture().logger, sleep: async () => {} });
    const first = await client.send([purchase(1), purchase(2)]);
    const second = await client.send([purchase(3)]);
    await client.close();
    expect(first.delivered + second.delivered).toBe(3);
    expect(emulator.google.tokensIssued()).toBe(1);
    for (const i of [1, 2, 3]) expect(emulator.google.acceptances(PURCHASE, `ord_${i}_purchase`)).toBe(1);
    const [event] = emulator.google.records().events;
    expect(event).toMatchObject({ operatingAccount: CUSTOMER, conversionAction: PURCHASE, transactionId: 'ord_1_purchase', gclid: 'EAIaIQob-1', consent: { adUserData: 'CONSENT_GRANTED' } });
    expect(event!.identifiers).toMatchObject({ email: true, phone: true });
  });

  it('refreshes a token Google refused before its expiry, once, and delivers', async () => {
    const google = googleDestination(settings());
    const client = createClient({ destinations: [google], logger: capture().logger, sleep: async () => {} });
    await client.send([purchase(4)]);
    emulator.google.expireTokens();
    // The stand-in's tokens are "fresh" for a minute; age the cached one as a long-running worker's would be.
    const realNow = Date.now;
    Date.now = () => realNow() + 120_000;
    try {
      const report = await client.send([purchase(5)]);
      expect(report).toMatchObject({ delivered: 1 });
      expect(report.events[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    } finally {
      Date.now = realNow;
      await client.close();
    }
    expect(emulator.google.tokensIssued()).toBe(2);
  });

  it('a key the token endpoint refuses stops and alerts, and no key material or token reaches the log', async () => {
    const key = emulator.google.serviceAccountKey();
    const other = await startEmulator();
    try {
      // A real key, but not the one this stand-in knows.
      const google = googleDestination(settings({ credentials: other.google.serviceAccountKey() }));
      const { lines, logger } = capture();
      const client = createClient({ destinations: [google], logger, sleep: async () => {} });
      const report = await client.send([purchase(6), purchase(7)]);
      await client.close();
      expect(report).toMatchObject({ delivered: 0, stopped: 2 });
      expect(report.events[0]).toMatchObject({ status: 'stopped', reason: 'token_invalid', alert: true });
      const log = lines.join('\n');
      expect(log).not.toContain('PRIVATE KEY');
      expect(log).not.toContain(key.private_key.slice(40, 80));
      expect(log).not.toMatch(/ya29\.|Bearer /);
      expect(emulator.google.records().events).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('retries 503 and RESOURCE_EXHAUSTED with the same transaction id; validateOnly ingests nothing', async () => {
    emulator.google.faults.set({ next: 2, kinds: ['http_503', 'http_429'] });
    const client = createClient({ destinations: [googleDestination(settings())], logger: capture().logger, sleep: async () => {} });
    const report = await client.send([purchase(8)]);
    await client.close();
    expect(report).toMatchObject({ delivered: 1, retries: 2 });
    expect(emulator.google.acceptances(PURCHASE, 'ord_8_purchase')).toBe(1);

    const test = createClient({ destinations: [googleDestination(settings({ validateOnly: true }))], logger: capture().logger });
    expect(await test.send([purchase(9)])).toMatchObject({ delivered: 1 });
    await test.close();
    expect(emulator.google.acceptances(PURCHASE, 'ord_9_purchase')).toBe(0);
  });

  it("every body the destination builds passes the stand-in's independent validator", () => {
    const google = googleDestination(settings());
    const variants = [
      purchase(10),
      purchase(11, { consent: { adUserData: 'denied', adPersonalization: 'denied', region: 'DE' } }),
      purchase(12, { user: { phone: '(800) 555-0100', country: 'US', wbraid: 'WB-1', userAgent: 'UA', firstName: 'Ann', lastName: 'Lee', zip: '10001' } }),
      purchase(13, { properties: { value: 0, currency: 'JPY' } }),
      { event: 'CompletePayment', eventId: 'ord_14_complete_payment', eventTime: new Date().toISOString(), user: { gclid: 'G-14' } },
    ];
    const prepared = variants.map((v) => {
      const r = prepareForDestinations(v, [google]);
      const one = r.ok ? r.results[0]!.result : undefined;
      if (one?.ok !== true) throw new Error(JSON.stringify(r));
      return one.prepared;
    });
    const v = validateIngestRequest(JSON.parse(google.body(PURCHASE, prepared)), { requireTransactionId: true, requireIdentifiers: true });
    expect(v.ok ? 'ok' : v).toBe('ok');
  });
});
