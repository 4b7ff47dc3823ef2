/**
 * The access token and plain PII never appear in a log line, an error message or a report:
 * a run with every kind of outcome goes through pino (the logger users will plug in) and
 * through the built-in JSON logger, and everything written is searched.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTikTok } from '../client.js';
import { envelope, PIXEL_ID, PLAIN_EMAIL, PLAIN_PHONE, TOKEN } from '../../test-support/envelopes.js';
import { startFakeTikTok, type FakeTikTok } from '../../test-support/fake-tiktok.js';
import { jsonLogger } from './logger.js';

let tiktok: FakeTikTok;
beforeAll(async () => {
  tiktok = await startFakeTikTok();
});
afterEach(() => tiktok.reset());
afterAll(() => tiktok.close());

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const FORBIDDEN = [TOKEN, PLAIN_EMAIL, PLAIN_PHONE, '15112345678', 'alice.tester'];

async function runEverything(logger: Parameters<typeof createTikTok>[0] extends infer C ? (C extends { logger?: infer L } ? L : never) : never) {
  tiktok.script({ code: 40100 }, { code: 0 }, { code: 40002, message: 'Batch.0.user.email: invalid' }, { code: 40105, message: 'Access token is invalid' });
  // One request at a time, so each scripted answer meets the event it was written for.
  const tt = createTikTok({ pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: tiktok.url, logger, maxEventsPerRequest: 1, concurrency: 1, sleep: async () => {} });
  const report = await tt.send([
    envelope(1),
    envelope(2),
    envelope(3),
    { ...envelope(4), user: { email: PLAIN_EMAIL, phone: PLAIN_PHONE, emial: PLAIN_EMAIL } },
    { ...envelope(5), eventTime: 'not a time', user: { phone: 'call 0151 12345678 now' } },
  ]);
  await tt.close();
  return report;
}

describe('no token or plain PII in logs, errors or reports', () => {
  it('with pino as the logger (pino-compatible interface)', async () => {
    const out = sink();
    const report = await runEverything(pino({ level: 'info' }, out.stream));
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'tiktok event delivered' && l.event_id === 'ord_10001_complete_payment')).toBe(true);
    expect(lines.some((l) => l.level === 50 && l.status === 'stopped')).toBe(true);
    expect(lines.filter((l) => l.status === 'rejected')).toHaveLength(2);
    for (const text of [out.text(), JSON.stringify(report)]) for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
  });

  it('with the built-in JSON logger at info level', async () => {
    const out = sink();
    const report = await runEverything(jsonLogger(out.stream, 'info'));
    expect(out.text()).toContain('"match_keys"');
    for (const text of [out.text(), JSON.stringify(report)]) for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
  });
});
