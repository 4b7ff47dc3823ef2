import { describe, expect, it } from 'vitest';
import { requestParts, resultParts, sign, verify } from './signature.js';

describe('payment signatures', () => {
  const result = { order: '10492', payment: 'pay_1', status: 'paid' as const };

  it('verifies what was signed with the same secret', () => {
    expect(verify('s3cret', resultParts(result), sign('s3cret', resultParts(result)))).toBe(true);
  });

  it('rejects a changed order, status or secret, and malformed signatures', () => {
    const signature = sign('s3cret', resultParts(result));
    expect(verify('s3cret', resultParts({ ...result, order: '10493' }), signature)).toBe(false);
    expect(verify('s3cret', resultParts({ ...result, status: 'cancelled' }), signature)).toBe(false);
    expect(verify('other', resultParts(result), signature)).toBe(false);
    expect(verify('s3cret', resultParts(result), 'zz')).toBe(false);
    expect(verify('s3cret', resultParts(result), undefined)).toBe(false);
  });

  it('a payment request signature does not verify as a result', () => {
    const request = { order: '10492', amount: '1.00', currency: 'EUR', returnUrl: 'http://a/r', notifyUrl: 'http://a/n' };
    expect(verify('s', resultParts(result), sign('s', requestParts(request)))).toBe(false);
  });
});
