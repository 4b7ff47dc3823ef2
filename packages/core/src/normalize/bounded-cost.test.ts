/**
 * Finding 1 of issue 12: the email check froze the process on `a@....@` (O(n²)) and had no
 * length cap. Every rule here must refuse an over-long value before any pattern runs and
 * finish a 1 MB adversarial input well inside a deadline (node:vm interrupts a runaway
 * pattern; the margin is four orders of magnitude, so a loaded machine cannot flip it).
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isClickId } from '../click-id.js';
import { normalizeEmail, MAX_EMAIL_LENGTH } from './email.js';
import { normalizeExternalId } from './external-id.js';
import { looksLikeEmail, looksLikePersonalData, looksLikePhone } from './personal-data.js';
import { isSha256Hex } from './sha256-hex.js';

/** Runs `fn(input)` and fails (instead of hanging) if it has not returned after `ms`. */
export function finishesWithin(fn: (input: string) => unknown, input: string, ms = 5000): void {
  vm.runInNewContext('fn(input)', { fn, input }, { timeout: ms });
}

const MB = 1 << 20;
const ADVERSARIAL: Array<[string, string]> = [
  ['a@ + dots + @ (the reported shape)', `a@${'.'.repeat(MB)}@`],
  ['a@ + "a." repeated', `a@${'a.'.repeat(MB / 2)}`],
  ['only @', '@'.repeat(MB)],
  ['@. pairs', '@.'.repeat(MB / 2)],
  ['x@ repeated', 'x@'.repeat(MB / 2)],
  ['spaces around a long local part', ` ${'a'.repeat(MB)}@example.com `],
  ['digits and spaces', '1 '.repeat(MB / 2)],
  ['plus and digits', `+${'1'.repeat(MB)}`],
  ['hex that is one too long', 'a'.repeat(MB)],
];
const RULES: Array<[string, (s: string) => unknown]> = [
  ['normalizeEmail', normalizeEmail],
  ['looksLikeEmail', looksLikeEmail],
  ['looksLikePhone', looksLikePhone],
  ['looksLikePersonalData', looksLikePersonalData],
  ['isClickId', isClickId],
  ['isSha256Hex', isSha256Hex],
  ['normalizeExternalId', normalizeExternalId],
];

describe('every core rule costs linear time on adversarial input', () => {
  it('the deadline guard can fail: it stops the old quadratic email pattern', () => {
    const OLD = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
    expect(() => finishesWithin((s) => OLD.test(s), `a@${'.'.repeat(200_000)}@`, 300)).toThrow(/timed out/);
  }, 30_000);

  for (const [rule, fn] of RULES) {
    it.each(ADVERSARIAL)(`${rule}: %s (1 MB)`, (_shape, input) => {
      expect(() => finishesWithin(fn, input)).not.toThrow();
    }, 30_000);
  }
});

describe('normalizeEmail refuses what no mailbox can be, before any pattern runs', () => {
  it(`keeps a ${MAX_EMAIL_LENGTH}-character address and refuses one character more`, () => {
    const at = (n: number) => `${'a'.repeat(n - '@example.com'.length)}@example.com`;
    expect(normalizeEmail(at(MAX_EMAIL_LENGTH))).toBe(at(MAX_EMAIL_LENGTH));
    expect(normalizeEmail(at(MAX_EMAIL_LENGTH + 1))).toBeNull();
    expect(normalizeEmail(`  ${at(MAX_EMAIL_LENGTH)}  `)).toBe(at(MAX_EMAIL_LENGTH));
  });

  it('refuses the reported shape at any size', () => {
    for (const n of [1, 10, 300, 64 * 1024]) expect(normalizeEmail(`a@${'.'.repeat(n)}@`)).toBeNull();
  });
});
