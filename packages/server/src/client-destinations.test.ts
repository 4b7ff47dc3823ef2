/** createClient with TikTok and Meta side by side: one envelope, two copies, independent fates. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import type { Logger } from './delivery/logger.js';
import { metaDestination } from './destinations/meta/meta.js';
import { tiktokDestination } from './destinations/tiktok/tiktok.js';
import { envelope, PIXEL_ID, PLAIN_EMAIL, PLAIN_PHONE, TOKEN } from '../test-support/envelopes.js';
import { startFakeMeta, type FakeMeta } from '../test-support/fake-meta.js';
import { startFakeTikTok, type FakeTikTok } from '../test-support/fake-tiktok.js';

const META_PIXEL = '1234567890123456';
const META_TOKEN = 'EAAB-meta-secret-token';
let tiktok: FakeTikTok;
let meta: FakeMeta;
beforeAll(async () => {
  [tiktok, meta] = await Promise.all([startFakeTikTok(), startFakeMeta()]);
});
afterEach(() => {
  tiktok.reset();
  meta.reset();
});
afterAll(() => Promise.all([tiktok.close(), meta.close()]));

function capture() {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
  const logger: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, logger };
}

const withPage = (i: number) => ({ ...envelope(i), page: { url: `https://shop.example/thanks/${i}` } });

function client(logger: Logger) {
  return createClient({
    destinations: [
      tiktokDestination({ pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: tiktok.url }),
      metaDestination({ pixelId: META_PIXEL, accessToken: META_TOKEN, apiUrl: meta.url(META_PIXEL) }),
    ],
    logger,
    sleep: async () => {},
  });
}

describe('createClient with TikTok and Meta', () => {
  it('sends one copy to each, in its own dialect, with the same event id', async () => {
    const { logger } = capture();
    const c = client(logger);
    const report = await c.send([withPage(1), withPage(2)]);
    await c.close();
    expect(report).toMatchObject({ delivered: 4, byDestination: { tiktok: { delivered: 2 }, meta: { delivered: 2 } } });
    expect(tiktok.received[0]?.body.data.map((e) => [e.event, e.event_id])).toEqual([['CompletePayment', 'ord_10001_complete_payment'], ['CompletePayment', 'ord_10002_complete_payment']]);
    expect(meta.received[0]?.body.data.map((e) => [e.event_name, e.event_id])).toEqual([['Purchase', 'ord_10001_complete_payment'], ['Purchase', 'ord_10002_complete_payment']]);
    expect(meta.received[0]?.url).toBe(`/v25.0/${META_PIXEL}/events`);
    expect(meta.received[0]?.body.access_token).toBe(META_TOKEN);
    expect(report.events.map((e) => [e.index, e.destination, e.status])).toEqual([[0, 'tiktok', 'delivered'], [0, 'meta', 'delivered'], [1, 'tiktok', 'delivered'], [1, 'meta', 'delivered']]);
  });

  it("a revoked Meta token stops Meta only, alerts in the report and the log, and TikTok's copies still go", async () => {
    meta.script({ status: 401, error: { code: 190, message: 'Error validating access token' } });
    const { lines, logger } = capture();
    const c = client(logger);
    const report = await c.send([withPage(3), withPage(4)]);
    await c.close();
    expect(report.byDestination).toMatchObject({ tiktok: { delivered: 2, stopped: 0 }, meta: { delivered: 0, stopped: 2 } });
    expect(report.events.filter((e) => e.destination === 'meta').every((e) => e.status === 'stopped' && e.alert === true)).toBe(true);
    const stops = lines.filter((l) => l.obj.destination === 'meta' && l.obj.status === 'stopped');
    expect(stops).toHaveLength(2);
    expect(stops.every((l) => l.level === 'error' && l.obj.alert === true && l.obj.code === 190)).toBe(true);
    for (const secret of [TOKEN, META_TOKEN, PLAIN_EMAIL, PLAIN_PHONE]) expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('a Meta validation error is split down to the bad event; TikTok is untouched', async () => {
    meta.script({ status: 400, error: { code: 100, error_subcode: 2804019, message: 'Invalid parameter' } });
    const { logger } = capture();
    const c = client(logger);
    const report = await c.send([withPage(5), withPage(6)]);
    await c.close();
    // The first whole-batch refusal, then each half alone: the scripted refusal was used up by the pair.
    expect(meta.received.map((r) => r.body.data.length)).toEqual([2, 1, 1]);
    expect(report.byDestination.meta).toMatchObject({ delivered: 2 });
    expect(report.byDestination.tiktok).toMatchObject({ delivered: 2 });
  });

  it('an envelope Meta cannot take (no page url) is rejected for Meta only', async () => {
    const { logger } = capture();
    const c = client(logger);
    const report = await c.send([envelope(7)]);
    await c.close();
    expect(report.events).toEqual([
      expect.objectContaining({ destination: 'tiktok', status: 'delivered' }),
      expect.objectContaining({ destination: 'meta', status: 'rejected', errors: [expect.objectContaining({ path: 'page.url' })] }),
    ]);
  });

  it('refuses a destination without credentials, and the same destination twice', () => {
    expect(() => createClient({ destinations: [metaDestination({ pixelId: META_PIXEL })] })).toThrow(/credentials/);
    const tt = tiktokDestination({ pixelId: PIXEL_ID, accessToken: TOKEN });
    expect(() => createClient({ destinations: [tt, tt] })).toThrow(/twice/);
    expect(() => createClient({ destinations: [] })).toThrow(/no destination/);
  });
});
