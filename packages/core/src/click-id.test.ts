import { describe, expect, it } from 'vitest';
import { isClickId, MAX_CLICK_ID_LENGTH } from './click-id.js';

describe('isClickId: one rule for ttclid, _ttp and the other platforms\' click ids', () => {
  it.each([
    'E.C.P.CvQBA1b2c3-_~', '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1', 'IwAR2xYz_-AbC', 'fb.1.1596403881668.1116446470', 'Cj0KCQiA/abc+def==',
    'GCL.1700000000.abc', '1234567', 'x'.repeat(MAX_CLICK_ID_LENGTH),
  ])('keeps %j', (value) => expect(isClickId(value)).toBe(true));

  it.each([
    ['empty', ''], ['CR/LF', 'E.C.P.a\r\nSet-Cookie: x=1'], ['LF', 'a\nb'], ['NUL', 'a\u0000b'], ['DEL', 'a\u007fb'], ['ESC', 'a\u001bb'],
    ['semicolon', 'abc; Domain=evil.example'], ['comma', 'a,b'], ['double quote', 'a"b'], ['single quote', "a'b"], ['backtick', 'a`b'],
    ['backslash', 'a\\b'], ['space', 'a b'], ['tab', 'a\tb'], ['angle brackets', '<script>'], ['non-ASCII', 'klick-ü'],
    ['an email', 'alice@example.com'], ['a phone number', '+4915112345678'], ['1,000 characters', 'x'.repeat(1000)], ['one too many', 'x'.repeat(MAX_CLICK_ID_LENGTH + 1)],
  ])('refuses %s', (_name, value) => expect(isClickId(value)).toBe(false));

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['E.C.P.a']]) expect(isClickId(value)).toBe(false);
  });
});
