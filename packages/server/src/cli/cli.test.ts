import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { envelope, PIXEL_ID, PLAIN_EMAIL, PLAIN_PHONE, TOKEN } from '../../test-support/envelopes.js';
import { startFakeTikTok, type FakeTikTok } from '../../test-support/fake-tiktok.js';
import { run } from './main.js';

function fakeIo(lines: unknown[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => {
    const s = new PassThrough();
    s.on('data', (c: Buffer) => into.push(String(c)));
    return s;
  };
  const input = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
  return {
    io: { env, stdin: Readable.from([input]), stdout: sink(out), stderr: sink(err) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    jsonOut: () => out.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    jsonErr: () => err.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

let tiktok: FakeTikTok;
beforeAll(async () => {
  tiktok = await startFakeTikTok();
});
afterEach(() => tiktok.reset());
afterAll(() => tiktok.close());

describe('pixelpair payload', () => {
  it('prints the v1.3 request body and exits 0 when all are valid', async () => {
    const t = fakeIo([envelope(1), '', envelope(2)]);
    expect(await run(['payload', '--pixel-id', PIXEL_ID, '--default-country', 'DE'], t.io)).toBe(0);
    const [body, ...rest] = t.jsonOut();
    expect(rest).toEqual([]);
    expect(body).toMatchObject({ event_source: 'web', event_source_id: PIXEL_ID });
    expect((body?.data as unknown[]).length).toBe(2);
    expect(t.stderr()).toBe('');
  });

  it('reports rejections on stderr with line, eventId and path/message errors, prints the valid ones, exits 1', async () => {
    const t = fakeIo([envelope(1), { ...envelope(2), properties: { currency: 'XYZ', value: 1 } }, '{not json', { ...envelope(3), eventId: 3 }]);
    expect(await run(['payload', '--pixel-id', PIXEL_ID], t.io)).toBe(1);
    expect(t.jsonErr()).toEqual([
      { line: 2, eventId: 'ord_10002_complete_payment', errors: [{ path: 'properties.currency', message: "is not in TikTok's currency list" }] },
      { line: 3, eventId: null, errors: [{ path: '', message: 'not valid JSON' }] },
      { line: 4, eventId: null, errors: [{ path: 'eventId', message: expect.stringContaining('must be a string') }] },
    ]);
    expect((t.jsonOut()[0]?.data as Array<{ event_id: string }>).map((e) => e.event_id)).toEqual(['ord_10001_complete_payment']);
  });

  it('takes the pixel id from TIKTOK_PIXEL_ID and separates test events', async () => {
    const t = fakeIo([envelope(1)], { TIKTOK_PIXEL_ID: 'ENVPIXEL123456' });
    expect(await run(['payload', '--test-event-code', 'TEST42'], t.io)).toBe(0);
    expect(t.jsonOut()[0]).toMatchObject({ event_source_id: 'ENVPIXEL123456', test_event_code: 'TEST42' });
  });

  it.each([
    [['payload'], 'pixel id missing'],
    [['payload', '--pixel-id', 'P', '--bogus'], 'Unknown option'],
    [['payload', '--pixel-id', 'P', '--default-country', 'Germany'], 'default-country'],
    [['frobnicate'], 'unknown command'],
    [[], 'usage'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const t = fakeIo([]);
    expect(await run(argv, t.io)).toBe(2);
    expect(t.stderr() + t.stdout()).toContain(message);
  });
});

describe('pixelpair send', () => {
  it('delivers, prints the JSON summary last and exits 0', async () => {
    tiktok.script({ code: 40100 });
    const t = fakeIo([envelope(1), envelope(2)], { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: PIXEL_ID });
    expect(await run(['send', '--api-url', tiktok.url], t.io)).toBe(0);
    expect(t.jsonOut().at(-1)).toEqual({ delivered: 2, rejected: 0, dropped: 0, retries: 1, requests: 2, stopped: 0 });
  });

  it('exits 1 when something was rejected or dropped, and reports it on stderr', async () => {
    tiktok.script({ code: 40002, message: 'bad' });
    const t = fakeIo([envelope(1), { ...envelope(2), eventTime: Date.now() }], { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_API_URL: tiktok.url });
    expect(await run(['send', '--pixel-id', PIXEL_ID], t.io)).toBe(1);
    expect(t.jsonOut().at(-1)).toMatchObject({ delivered: 0, rejected: 1, dropped: 1 });
    expect(t.jsonErr()).toEqual(
      expect.arrayContaining([
        { line: 2, eventId: 'ord_10002_complete_payment', errors: [{ path: 'eventTime', message: expect.stringContaining('milliseconds') }] },
        expect.objectContaining({ line: 1, status: 'dropped', reason: 'param_error', code: 40002 }),
      ]),
    );
  });

  it('reads the token only from TIKTOK_ACCESS_TOKEN: no flag, exit 2 without it', async () => {
    const noToken = fakeIo([envelope(1)], { TIKTOK_PIXEL_ID: PIXEL_ID });
    expect(await run(['send', '--api-url', tiktok.url], noToken.io)).toBe(2);
    expect(noToken.stderr()).toContain('TIKTOK_ACCESS_TOKEN');
    const flag = fakeIo([envelope(1)], { TIKTOK_PIXEL_ID: PIXEL_ID });
    expect(await run(['send', '--access-token', TOKEN], flag.io)).toBe(2);
    expect(flag.stderr()).toContain('read only from the environment (TIKTOK_ACCESS_TOKEN');
    expect(flag.stderr()).not.toContain(TOKEN);
    const positional = fakeIo([envelope(1)], { TIKTOK_PIXEL_ID: PIXEL_ID });
    expect(await run(['send', TOKEN], positional.io)).toBe(2);
    expect(positional.stderr()).not.toContain(TOKEN);
  });

  it('never prints the token or plain PII, even when everything fails', async () => {
    tiktok.script({ code: 40105, message: 'Access token is invalid' });
    const t = fakeIo([envelope(1), { ...envelope(2), user: { email: PLAIN_EMAIL, phone: PLAIN_PHONE, mail: PLAIN_EMAIL } }], { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: PIXEL_ID });
    expect(await run(['send', '--api-url', tiktok.url], t.io)).toBe(1);
    expect(t.jsonOut().at(-1)).toMatchObject({ stopped: 1, rejected: 1 });
    for (const secret of [TOKEN, PLAIN_EMAIL, PLAIN_PHONE]) expect(t.stdout() + t.stderr()).not.toContain(secret);
  });
});

describe('pixelpair doctor', () => {
  it('checks the configuration, sends one test event and explains the answer', async () => {
    const t = fakeIo([], { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: PIXEL_ID, TIKTOK_API_URL: tiktok.url });
    tiktok.received.length = 0;
    expect(await run(['doctor', '--test-event-code', 'TEST77'], t.io)).toBe(0);
    // It names the endpoint, and never calls the local stand-in "TikTok" (it used to say "TikTok accepted").
    expect(t.stdout()).toContain(`The stand-in at ${tiktok.url} (a local stand-in, not the real platform) accepted the test event`);
    expect(t.stdout()).not.toContain('TikTok accepted');
    expect(tiktok.received.at(-1)?.body).toMatchObject({ test_event_code: 'TEST77', data: [{ event: 'ViewContent' }] });
    expect(t.stdout()).not.toContain(TOKEN);
  });

  it('explains a token error and exits 1', async () => {
    tiktok.script({ code: 40105, message: 'Access token is invalid' });
    const t = fakeIo([], { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: PIXEL_ID, TIKTOK_API_URL: tiktok.url });
    expect(await run(['doctor', '--test-event-code', 'TEST77'], t.io)).toBe(1);
    expect(t.stdout()).toContain('refused the access token');
    expect(JSON.parse(t.stdout().trim().split('\n').at(-1)!)).toMatchObject({ ok: false });
  });

  it('reports missing configuration without sending', async () => {
    const t = fakeIo([], {});
    tiktok.received.length = 0;
    expect(await run(['doctor', '--test-event-code', 'X', '--api-url', tiktok.url], t.io)).toBe(1);
    expect(t.stdout()).toMatch(/FAIL pixel id: missing[\s\S]*FAIL access token/);
    expect(tiktok.received).toHaveLength(0);
  });
});

const built = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
// The spawn test needs `pnpm build` first (turbo's test task does not build this package itself).
describe.skipIf(!existsSync(built))('the built bin', () => {
  it('runs as `node dist/cli/main.js payload` with stdin and exit codes', () => {
    const good = spawnSync(process.execPath, [built, 'payload', '--pixel-id', PIXEL_ID], { input: JSON.stringify(envelope(1)), encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout.trim())).toMatchObject({ event_source_id: PIXEL_ID });
    const bad = spawnSync(process.execPath, [built, 'payload', '--pixel-id', PIXEL_ID], { input: '{"event":"X"}\n', encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr.trim())).toMatchObject({ line: 1, errors: [{ path: 'eventId' }] });
  }, 30_000); // two node start-ups; slow when the shared machine is busy
});
