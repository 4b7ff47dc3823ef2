/** `pixelpair emulator`: the stand-in behind the same flags and help as every other command. */
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { until } from '../../test-support/outbox/fixtures.js';
import { envelope, PIXEL_ID } from '../../test-support/envelopes.js';
import { run } from './main.js';

function start(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) => {
    const s = new PassThrough();
    s.on('data', (c: Buffer) => add(String(c)));
    return s;
  };
  const stop = new AbortController();
  const done = run(['emulator', ...argv], { env, stdin: Readable.from(['']), stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), signal: stop.signal });
  return { done, stop: () => stop.abort(), out: () => out, err: () => err };
}

async function send(apiUrl: string, token: string) {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (c: Buffer) => (out += String(c)));
  const code = await run(['send', '--api-url', apiUrl], { env: { TIKTOK_ACCESS_TOKEN: token, TIKTOK_PIXEL_ID: PIXEL_ID }, stdin: Readable.from([JSON.stringify(envelope(1))]), stdout, stderr: new PassThrough() });
  return { code, summary: JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number> };
}

describe('pixelpair emulator', () => {
  it('prints its URLs, accepts only the tokens in PIXELPAIR_EMULATOR_TOKENS (never printing them), and stops on the signal with exit 0', async () => {
    const emulator = start(['--port', '0', '--host', '127.0.0.1'], { PIXELPAIR_EMULATOR_TOKENS: 'good-token-one, good-token-two' });
    await until(() => emulator.out().includes('JSON API:'));
    const apiUrl = /Events API: +(\S+)/.exec(emulator.out())![1]!;
    const testEvents = /Test Events page: +(\S+)/.exec(emulator.out())![1]!;
    expect(await (await fetch(testEvents)).text()).toContain('Test Events');
    expect(await send(apiUrl, 'good-token-two')).toMatchObject({ code: 0, summary: { delivered: 1 } });
    expect(await send(apiUrl, 'some-other-token')).toMatchObject({ code: 1, summary: { delivered: 0, stopped: 1 } });
    expect(emulator.out()).toContain('2 accepted (from PIXELPAIR_EMULATOR_TOKENS)');
    expect(emulator.out() + emulator.err()).not.toContain('good-token');
    emulator.stop();
    expect(await emulator.done).toBe(0);
    await expect(fetch(testEvents)).rejects.toThrow();
  });

  it.each([
    [['--port', '70000'], {}, '--port'],
    [[], { EMULATOR_PORT: 'eighty' }, 'EMULATOR_PORT'],
    [[], { PIXELPAIR_EMULATOR_TOKENS: 'a,,b' }, 'PIXELPAIR_EMULATOR_TOKENS'],
    [['--access-token', 'tok'], {}, 'no token flag'],
  ])('%j %j is a usage error (exit 2) before anything starts', async (argv, env, message) => {
    const emulator = start(argv, env as Record<string, string>);
    expect(await emulator.done).toBe(2);
    expect(emulator.err()).toContain(message);
    expect(emulator.out()).toBe('');
  });
});
