import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.js';
import { applyGmailRule } from './gmail.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const google = (raw: string) => applyGmailRule(normalizeEmail(raw)!);

describe("applyGmailRule (Google's Data Manager formatting)", () => {
  it('drops dots and the +suffix for gmail.com and googlemail.com only', () => {
    expect(google(' Cloudy.San.Francisco+news@Gmail.com ')).toBe('cloudysanfrancisco@gmail.com');
    expect(google('a.b+c@googlemail.com')).toBe('ab@googlemail.com');
    expect(google('user.name+NYC@Example.com')).toBe('user.name+nyc@example.com');
  });

  it("gives the reference's worked hashes", () => {
    expect(sha256(google('cloudysanfrancisco@gmail.com'))).toBe('223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4');
    expect(sha256(google('user.name+NYC@example.com'))).toBe('f109a2a632fbcea5fc82049f50beed3d8621bf9034399f437fb622222acccdac');
  });

  it('leaves a value it cannot read alone', () => {
    expect(applyGmailRule('+@gmail.com')).toBe('+@gmail.com');
    expect(applyGmailRule('noatsign')).toBe('noatsign');
  });
});
