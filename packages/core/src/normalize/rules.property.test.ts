/**
 * Property tests (fast-check) for core's shared rules. PIXELPAIR_FUZZ_RUNS sets the number of
 * runs per property (CI size by default). The slowest single input is reported, not asserted.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isClickId, MAX_CLICK_ID_LENGTH } from '../click-id.js';
import { MAX_EMAIL_LENGTH, normalizeEmail } from './email.js';
import { looksLikeEmail } from './personal-data.js';
import { isSha256Hex } from './sha256-hex.js';

const RUNS = Number(process.env.PIXELPAIR_FUZZ_RUNS) || 300;
/** Generous: the CI machine is shared; the full size (PIXELPAIR_FUZZ_RUNS=20000) runs for minutes. */
const TIMEOUT = 30_000 + RUNS * 20;
let slowest = { ms: 0, rule: '', length: 0 };
function timed<T>(rule: string, input: string, fn: () => T): T {
  const t = performance.now();
  const out = fn();
  const ms = performance.now() - t;
  if (ms > slowest.ms) slowest = { ms, rule, length: input.length };
  return out;
}
afterAll(() => console.log(`[fuzz] core rules: slowest input ${slowest.ms.toFixed(2)} ms (${slowest.rule}, ${slowest.length} chars), ${RUNS} runs per property`));

// Small alphabets find the edge cases (dots next to @, trailing dots, spaces) far faster than full Unicode.
const emailish = fc.string({ unit: fc.constantFrom('a', 'B', '1', '@', '.', ' ', '\t', '-', '+', '_', '\u00a0'), maxLength: 40 });
const anyText = fc.oneof(emailish, fc.string({ maxLength: 300 }), fc.emailAddress(), fc.string({ unit: 'grapheme', maxLength: 60 }));

describe('normalizeEmail (property)', () => {
  it('means what the old pattern meant on every short input (same matches, no quadratic cost)', () => {
    const OLD = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
    fc.assert(
      fc.property(anyText, (raw) => {
        const value = raw.trim().toLowerCase();
        const expected = value.length > MAX_EMAIL_LENGTH ? null : isSha256Hex(value) || OLD.test(value) ? value : null;
        expect(timed('normalizeEmail', raw, () => normalizeEmail(raw))).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('never returns more than 254 characters, whatever the padding', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.nat({ max: 400 }), (email, pad) => {
        const out = normalizeEmail(`${'x'.repeat(pad)}${email}`);
        expect(out === null || out.length <= MAX_EMAIL_LENGTH).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

describe('looksLikeEmail (property)', () => {
  it('finds exactly what an unanchored address pattern finds', () => {
    const ANYWHERE = /[^\s@]+@[^\s@]+\.[^\s@]+/;
    fc.assert(fc.property(anyText, (text) => {
      expect(timed('looksLikeEmail', text, () => looksLikeEmail(text))).toBe(ANYWHERE.test(text));
    }), { numRuns: RUNS });
  }, TIMEOUT);

  it('finds every generated address inside surrounding text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), fc.emailAddress(), fc.string({ maxLength: 20 }), (a, email, b) => {
      expect(looksLikeEmail(`${a} ${email} ${b}`)).toBe(true);
    }), { numRuns: RUNS });
  }, TIMEOUT);
});

describe('isClickId (property)', () => {
  it('accepts only bounded printable ASCII without separators, quotes or @', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('A', 'z', '0', '9', '.', '_', '-', '~'), minLength: 1, maxLength: 600 })), (value) => {
        if (!timed('isClickId', value, () => isClickId(value))) return;
        expect(value.length).toBeGreaterThan(0);
        expect(value.length).toBeLessThanOrEqual(MAX_CLICK_ID_LENGTH);
        expect(value).not.toMatch(/[\s\x00-\x1f\x7f;,"'`\\<>@]|[^\x00-\x7f]/);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
