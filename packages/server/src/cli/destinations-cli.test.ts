/** The CLI per destination: one configuration edge, the same commands for TikTok, Meta and Google. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { startEmulator, type Emulator } from '@pixelpair/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../test-support/outbox/fixtures.js';
import { envelope, PIXEL_ID, PLAIN_EMAIL, PLAIN_PHONE, TOKEN } from '../../test-support/envelopes.js';
import { run } from './main.js';

const META_PIXEL = '1234567890123456';
const META_TOKEN = 'EAAB-meta-cli-token';
const dir = mkdtempSync(path.join(tmpdir(), 'pp-cli-dest-'));
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: Record<string, string> = {}, lines: unknown[] = []) {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) => {
    const s = new PassThrough();
    s.on('data', (c: Buffer) => add(String(c)));
    return s;
  };
  const code = await run(argv, {
    env, stdin: Readable.from([lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')]),
    stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)),
  });
  const json = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, out, err, jsonOut: () => json(out), jsonErr: () => json(err) };
}

const withPage = (i: number) => ({ ...envelope(i), page: { url: `https://shop.example/thanks/${i}` } });

describe('--destination meta', () => {
  it("payload prints the Conversions API bodies exactly as sent, without the token", async () => {
    const r = await cli(['payload', '--destination', 'meta', '--pixel-id', META_PIXEL], { META_ACCESS_TOKEN: META_TOKEN }, [withPage(1), withPage(2)]);
    expect(r.code).toBe(0);
    const [body] = r.jsonOut();
    expect((body!.data as Array<Record<string, unknown>>).map((e) => [e.event_name, e.event_id, e.action_source])).toEqual([['Purchase', 'ord_10001_complete_payment', 'website'], ['Purchase', 'ord_10002_complete_payment', 'website']]);
    expect(r.out + r.err).not.toContain(META_TOKEN);
    for (const plain of [PLAIN_EMAIL, PLAIN_PHONE]) expect(r.out + r.err).not.toContain(plain);
  });

  it('send delivers to the full endpoint given by --api-url and prints the same summary line', async () => {
    emulator.reset();
    const r = await cli(['send', '--destination', 'meta', '--api-url', emulator.meta.apiUrl(META_PIXEL)], { META_ACCESS_TOKEN: META_TOKEN, META_PIXEL_ID: META_PIXEL }, [withPage(3)]);
    expect(r.code).toBe(0);
    expect(r.jsonOut().at(-1)).toEqual({ delivered: 1, rejected: 0, dropped: 0, retries: 0, requests: 1, stopped: 0 });
    expect(emulator.meta.acceptances(META_PIXEL, 'Purchase', 'ord_10003_complete_payment')).toBe(1);
    expect(emulator.meta.records().totals.tokenInUrl).toBe(0);
  });

  it('needs META_ACCESS_TOKEN to send and refuses a token with a control character, without echoing it', async () => {
    expect(await cli(['send', '--destination', 'meta', '--pixel-id', META_PIXEL], {}, [withPage(4)])).toMatchObject({ code: 2, err: expect.stringContaining('META_ACCESS_TOKEN is not set') });
    const bad = await cli(['send', '--destination', 'meta', '--pixel-id', META_PIXEL], { META_ACCESS_TOKEN: `${META_TOKEN}\u007f` }, [withPage(4)]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('control characters');
    expect(bad.err).not.toContain(META_TOKEN);
  });
});

describe('several destinations at once', () => {
  it('send --destination tiktok,meta delivers each copy and sums them per destination', async () => {
    emulator.reset();
    const env = { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: PIXEL_ID, TIKTOK_API_URL: emulator.apiUrl, META_ACCESS_TOKEN: META_TOKEN, META_PIXEL_ID: META_PIXEL, META_API_URL: emulator.meta.apiUrl(META_PIXEL) };
    const r = await cli(['send', '--destination', 'tiktok,meta'], env, [withPage(5), envelope(6)]);
    // envelope 6 has no page URL: Meta refuses it (a website event needs one), TikTok sends it.
    expect(r.code).toBe(1);
    expect(r.jsonOut().at(-1)).toMatchObject({ delivered: 3, rejected: 1, byDestination: { tiktok: { delivered: 2 }, meta: { delivered: 1, rejected: 1 } } });
    expect(r.jsonErr()).toContainEqual(expect.objectContaining({ line: 2, destination: 'meta', errors: [expect.objectContaining({ path: 'page.url' })] }));
  });

  it('enqueue fans out one row per destination; status and log show each destination', async () => {
    const store = `sqlite:${path.join(dir, 'fan.db')}`;
    const env = { TIKTOK_PIXEL_ID: PIXEL_ID, META_PIXEL_ID: META_PIXEL };
    const r = await cli(['enqueue', '--store', store, '--destination', 'tiktok,meta'], env, [withPage(7), withPage(7)]);
    expect(r.code).toBe(0);
    expect(r.jsonOut()[0]).toEqual({ enqueued: 2, duplicates: 2, rejected: 0, skipped: 0 });
    const status = (await cli(['status', '--store', store])).jsonOut()[0]!;
    expect(status).toMatchObject({ pending: 2, destinations: { tiktok: { pending: 1 }, meta: { pending: 1 } } });
    expect((await cli(['status', '--store', store, '--destination', 'meta'])).jsonOut()[0]).toMatchObject({ destination: 'meta', pending: 1 });
    const log = (await cli(['log', '--store', store, '--event-id', 'ord_10007_complete_payment'])).jsonOut();
    expect(log.map((l) => [l.destination, l.event, l.account])).toEqual([['tiktok', 'CompletePayment', PIXEL_ID], ['meta', 'Purchase', META_PIXEL]]);
  });

  it('enqueue refuses a --default-country that send refuses, before reading anything', async () => {
    const store = `sqlite:${path.join(dir, 'never.db')}`;
    const r = await cli(['enqueue', '--store', store, '--pixel-id', PIXEL_ID, '--default-country', 'XX'], {}, [envelope(8)]);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('--default-country') });
  });
});

describe('--destination google', () => {
  it('payload needs no credentials and prints the events:ingest bodies', async () => {
    const r = await cli(['payload', '--destination', 'google', '--customer-id', '123-456-7890', '--conversion-action', 'Purchase=987654'], {}, [{ ...envelope(9), user: { ...envelope(9).user, gclid: 'G-9' } }]);
    expect(r.code).toBe(0);
    expect(r.jsonOut()[0]).toMatchObject({ destinations: [{ operatingAccount: { accountId: '1234567890' }, productDestinationId: '987654' }], encoding: 'HEX', events: [{ transactionId: 'ord_10009_complete_payment' }] });
  });

  it('send reads the service-account key from GOOGLE_APPLICATION_CREDENTIALS and the actions from PIXELPAIR_GOOGLE_CONVERSIONS', async () => {
    emulator.reset();
    const keyFile = path.join(dir, 'sa.json');
    writeFileSync(keyFile, JSON.stringify(emulator.google.serviceAccountKey()));
    const env = {
      GOOGLE_ADS_CUSTOMER_ID: '1234567890', PIXELPAIR_GOOGLE_CONVERSIONS: '{"CompletePayment":"987654"}', GOOGLE_APPLICATION_CREDENTIALS: keyFile,
      GOOGLE_DATAMANAGER_URL: emulator.google.apiUrl, PIXELPAIR_GOOGLE_TOKEN_URL: emulator.google.tokenUrl,
    };
    const r = await cli(['send', '--destination', 'google'], env, [{ ...envelope(10), user: { ...envelope(10).user, gclid: 'G-10' } }]);
    expect(r.jsonOut().at(-1)).toMatchObject({ delivered: 1 });
    expect(r.code).toBe(0);
    expect(emulator.google.acceptances('987654', 'ord_10010_complete_payment')).toBe(1);
    expect(r.out + r.err).not.toContain('PRIVATE KEY');
  });

  it('status --destination google shows the problems Google reported later for delivered requests', async () => {
    emulator.reset();
    const keyFile = path.join(dir, 'sa-status.json');
    writeFileSync(keyFile, JSON.stringify(emulator.google.serviceAccountKey()));
    const store = `sqlite:${path.join(dir, 'google.db')}`;
    const env = {
      GOOGLE_ADS_CUSTOMER_ID: '1234567890', PIXELPAIR_GOOGLE_CONVERSIONS: '{"Purchase":"987654"}', GOOGLE_APPLICATION_CREDENTIALS: keyFile,
      GOOGLE_DATAMANAGER_URL: emulator.google.apiUrl, PIXELPAIR_GOOGLE_TOKEN_URL: emulator.google.tokenUrl,
    };
    const lines = [11, 12].map((i) => ({ ...envelope(i), user: { ...envelope(i).user, gclid: `G-${i}` } }));
    expect((await cli(['enqueue', '--store', store, '--destination', 'google'], env, lines)).code).toBe(0);
    emulator.google.injectProcessingError({ reason: 'PROCESSING_ERROR_REASON_EVENT_TOO_OLD', recordCount: 1 });
    const stop = new AbortController();
    const worker = run(['worker', '--store', store, '--destination', 'google'], { env, stdin: Readable.from(['']), stdout: new PassThrough(), stderr: new PassThrough(), signal: stop.signal });
    await until(() => emulator.google.records().events.length === 2);
    await new Promise((r) => setTimeout(r, 200));
    stop.abort();
    expect(await worker).toBe(0);
    const status = (await cli(['status', '--store', store, '--destination', 'google'], env)).jsonOut()[0]!;
    expect(status).toMatchObject({ destination: 'google', delivered: 2, laterStatus: { requests: 1, problems: { PROCESSING_ERROR_REASON_EVENT_TOO_OLD: 1 } } });
  });

  it.each([
    [['payload', '--destination', 'google', '--conversion-action', 'Purchase=1'], 'GOOGLE_ADS_CUSTOMER_ID'],
    [['payload', '--destination', 'google', '--customer-id', '1234567890'], '--conversion-action'],
    [['payload', '--destination', 'google', '--customer-id', '1234567890', '--conversion-action', 'Purchase'], 'Purchase=123456'],
  ])('%j is a configuration error', async (argv, message) => {
    expect(await cli(argv)).toMatchObject({ code: 2, err: expect.stringContaining(message) });
  });
});

describe('read-only commands', () => {
  it.each([['status'], ['log', '--event-id', 'x'], ['replay', '--all']])('%s refuses a store that does not exist instead of creating one', async (...argv) => {
    const file = path.join(dir, 'typo.db');
    const r = await cli([...argv, '--store', `sqlite:${file}`]);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('no outbox') });
    expect(existsSync(file)).toBe(false);
  });
});
