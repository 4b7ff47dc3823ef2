import { describe, expect, it } from 'vitest';
import { parseCliArgs, runEmulatorCli } from './run-cli.js';

describe('pixelpair-emulator CLI', () => {
  it('parses --port, --host, repeated tokens and pixel ids', () => {
    expect(parseCliArgs(['--port', '4010', '--host=0.0.0.0', '--access-token', 'a', '--access-token=b', '--pixel-id', 'P'])).toEqual({
      port: 4010, host: '0.0.0.0', accessTokens: ['a', 'b'], pixelIds: ['P'],
    });
    expect(parseCliArgs(['--port', 'x'])).toMatch(/^--port: expected an integer/);
    expect(parseCliArgs(['--frobnicate'])).toMatch(/unknown argument "--frobnicate"/);
  });

  it('starts the stand-in and prints the API, pixel script and Test Events URLs', async () => {
    const lines: string[] = [];
    const emulator = await runEmulatorCli(['--port', '0'], { out: (l) => lines.push(l), err: (l) => lines.push(l), signals: false });
    try {
      expect(emulator).not.toBeNull();
      const text = lines.join('\n');
      expect(text).toContain(emulator!.apiUrl);
      expect(text).toContain(emulator!.pixelScriptUrl);
      expect(text).toContain(`${emulator!.url}/test-events`);
      const page = await fetch(emulator!.testEventsUrl);
      expect(await page.text()).toContain('<h1>Test Events</h1>');
    } finally {
      await emulator?.close();
    }
  });
});
