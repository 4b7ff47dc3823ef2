/** Issue 12, finding 7: a stray `--<token>` on the command line is never printed back. */
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TOKEN } from '../../test-support/envelopes.js';
import { COMMON_FLAGS, flags, shownFlag, UsageError } from './io.js';
import { run } from './main.js';

const messageOf = (argv: string[]): string => {
  try {
    flags(argv, { ...COMMON_FLAGS, 'api-url': { type: 'string' } });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

/** The flags the command under test takes, in the order the error message lists them. */
const TAKES = Object.keys({ ...COMMON_FLAGS, 'api-url': { type: 'string' } }).map((k) => `--${k}`).join(', ');

describe('flags: errors never echo a secret', () => {
  it.each([[`--${TOKEN}`], [`--${TOKEN}=x`], ['--7f3a9c1e5b2d4f607f3a9c1e5b2d4f607f3a9c1e'], ['--EAAGm0PX4ZCpsBA']])('%s is not printed', (arg) => {
    const message = messageOf(['--pixel-id', 'P', arg]);
    expect(message).toMatch(/^pixelpair: Unknown option \(its name is not shown/);
    expect(message).not.toContain(arg.replace(/^-+/, '').slice(0, 8));
    expect(message).toContain(TAKES);
  });

  it('an ordinary typo is still named, with the flags the command takes', () => {
    expect(messageOf(['--pixelid', 'P'])).toBe(`pixelpair: Unknown option '--pixelid' (this command takes ${TAKES})`);
  });

  it('a single-dash paste is read as short flags: only the first letter is named', () => {
    const message = messageOf([`-${TOKEN}`]);
    expect(message).toMatch(/^pixelpair: Unknown option '-t'/);
    expect(message).not.toContain(TOKEN.slice(1, 8));
  });

  it('a value never appears in any other parse error either', () => {
    expect(messageOf(['--pixel-id', `--${TOKEN}`])).not.toContain(TOKEN);
    expect(messageOf([`--help=${TOKEN}`])).not.toContain(TOKEN);
  });

  it('shownFlag: flag-shaped names only', () => {
    expect(['--bogus', '--dry-run', '-x', '--Tok', '--a1', '--x_y', `--${'a'.repeat(40)}`].map(shownFlag)).toEqual(['--bogus', '--dry-run', '-x', undefined, undefined, undefined, undefined]);
  });

  it.each(['send', 'doctor', 'payload'])('pixelpair %s --<token> exits 2 without printing it', async (command) => {
    const out: string[] = [];
    const sink = () => {
      const s = new PassThrough();
      s.on('data', (c: Buffer) => out.push(String(c)));
      return s;
    };
    const io = { env: { TIKTOK_PIXEL_ID: 'P', TIKTOK_ACCESS_TOKEN: 'x' }, stdin: Readable.from(['']), stdout: sink(), stderr: sink() };
    expect(await run([command, `--${TOKEN}`], io)).toBe(2);
    expect(out.join('')).not.toContain(TOKEN);
  });
});
