import { describe, expect, it } from 'vitest';
import { AccountsError, realAccounts } from './real-accounts.js';

const tiktok = { TIKTOK_ACCESS_TOKEN: 'tt-secret-token', TIKTOK_PIXEL_ID: 'CPIXEL' };

describe('realAccounts', () => {
  it('is empty without any account: the stand-ins run', () => {
    expect(realAccounts({})).toEqual({});
  });

  it('reads all three platforms with the CLI variable names', () => {
    const accounts = realAccounts({
      ...tiktok, TIKTOK_TEST_EVENT_CODE: 'TEST1',
      META_ACCESS_TOKEN: 'meta-secret', META_PIXEL_ID: '123', META_TEST_EVENT_CODE: 'TEST2',
      GOOGLE_ADS_CUSTOMER_ID: '1234567890', GOOGLE_TAG_ID: 'AW-99', DEMO_GOOGLE_CONVERSIONS: '{"Purchase":{"action":"555","label":"pLabel"}}', GOOGLE_VALIDATE_ONLY: '1',
    });
    expect(accounts.tiktok).toEqual({ accessToken: 'tt-secret-token', pixelId: 'CPIXEL', testEventCode: 'TEST1' });
    expect(accounts.meta).toEqual({ accessToken: 'meta-secret', pixelId: '123', testEventCode: 'TEST2' });
    expect(accounts.google).toEqual({ customerId: '1234567890', tagId: 'AW-99', conversionActions: { Purchase: '555' }, conversionLabels: { Purchase: 'pLabel' }, validateOnly: true });
  });

  it('names the missing half of a platform and never the secret it was given', () => {
    const error = (() => { try { realAccounts({ ...tiktok, META_ACCESS_TOKEN: 'meta-secret' }); } catch (e) { return e as Error; } })();
    expect(error).toBeInstanceOf(AccountsError);
    expect(error!.message).toContain('missing META_PIXEL_ID');
    expect(error!.message).not.toContain('meta-secret');
  });

  it('refuses a real Meta or Google beside the TikTok stand-in', () => {
    expect(() => realAccounts({ META_ACCESS_TOKEN: 'x', META_PIXEL_ID: '1' })).toThrow(/needs the real TikTok/);
  });

  it('says what Google conversions must look like', () => {
    const google = { ...tiktok, GOOGLE_ADS_CUSTOMER_ID: '1', GOOGLE_TAG_ID: 'AW-1' };
    expect(() => realAccounts({ ...google, DEMO_GOOGLE_CONVERSIONS: 'Purchase=1' })).toThrow(/DEMO_GOOGLE_CONVERSIONS must be JSON/);
    expect(() => realAccounts({ ...google, DEMO_GOOGLE_CONVERSIONS: '{"Purchase":{"action":"1"}}' })).toThrow(/Purchase needs both/);
    expect(() => realAccounts({ ...google, GOOGLE_TAG_ID: 'G-ABC', DEMO_GOOGLE_CONVERSIONS: '{"Purchase":{"action":"1","label":"l"}}' })).toThrow(/GOOGLE_TAG_ID/);
  });
});
