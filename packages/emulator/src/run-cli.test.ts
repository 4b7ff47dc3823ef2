import { describe, expect, it } from 'vitest';
import { parseCliArgs, runEmulatorCli } from './run-cli.js';

describe('pixelpair-emulator CLI', () => {
  it('parses --port, --host and pixel ids, and takes the tokens from the environment', () => {
    expect(parseCliArgs(['--port', '4010', '--host=0.0.0.0', '--pixel-id', 'P'], { PIXELPAIR_EMULATOR_TOKENS: 'a, b' })).toEqual({
      port: 4010, host: '0.0.0.0', accessTokens: ['a', 'b'], pixelIds: ['P'],
    });
    expect(parseCliArgs([], {})).toEqual({ port: 0, host: '127.0.0.1' });
    expect(parseCliArgs([], { PIXELPAIR_EMULATOR_TOKENS: 'a,,b' })).toMatch(/^PIXELPAIR_EMULATOR_TOKENS: expected/);
    expect(parseCliArgs(['--port', 'x'], {})).toMatch(/^--port: expected an integer/);
    expect(parseCliArgs(['--frobnicate'], {})).toMatch(/unknown argument "--frobnicate"/);
  });

  // Issue 12, finding 7: a command line shows in `ps`, and a stray `--<token>` was echoed.
  it.each([['--access-token', 'tok_SECRET_7f3a9c1e5b2d4f60'], ['--access-token=tok_SECRET_7f3a9c1e5b2d4f60'], ['--token', 'tok_SECRET_7f3a9c1e5b2d4f60']])(
    'refuses %s on the command line without echoing the value',
    (...argv) => {
      const message = parseCliArgs(argv, {});
      expect(message).toMatch(/there is no token flag.*PIXELPAIR_EMULATOR_TOKENS/);
      expect(message).not.toContain('tok_SECRET');
    },
  );

  it.each(['--tok_SECRET_7f3a9c1e5b2d4f60', '--7f3a9c1e5b2d4f607f3a9c1e5b2d4f607f3a9c1e', 'tok_SECRET_7f3a9c1e5b2d4f60', '--Bearer-ABC'])('never echoes a stray argument shaped like a secret (%s)', (arg) => {
    const message = parseCliArgs(['--port', '0', arg], {}) as string;
    expect(message).toMatch(/^unknown argument \(not shown/);
    expect(message).not.toContain(arg.replace(/^--/, ''));
  });

  it('starts the stand-in and prints the API, pixel script and Test Events URLs', async () => {
    const lines: string[] = [];
    const emulator = await runEmulatorCli(['--port', '0'], { out: (l) => lines.push(l), err: (l) => lines.push(l), signals: false }, { PIXELPAIR_EMULATOR_TOKENS: 'good-token' });
    try {
      expect(emulator).not.toBeNull();
      const text = lines.join('\n');
      expect(text).toContain(emulator!.apiUrl);
      expect(text).toContain(emulator!.pixelScriptUrl);
      expect(text).toContain(`${emulator!.url}/test-events`);
      const page = await fetch(emulator!.testEventsUrl);
      expect(await page.text()).toContain('<h1>Test Events</h1>');
      expect(text).toContain('1 accepted (from PIXELPAIR_EMULATOR_TOKENS)');
      expect(text).not.toContain('good-token');
      const post = (token: string) =>
        fetch(emulator!.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'access-token': token }, body: JSON.stringify({ event_source: 'web', event_source_id: 'P', data: [{ event: 'Pageview', event_id: 'pv_1', event_time: Math.floor(Date.now() / 1000) }] }) }).then((r) => r.json() as Promise<{ code: number }>);
      expect((await post('good-token')).code).toBe(0);
      expect((await post('other-token')).code).toBe(40105);
    } finally {
      await emulator?.close();
    }
  });
});
