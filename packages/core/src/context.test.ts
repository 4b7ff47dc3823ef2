import { describe, expect, it } from 'vitest';
import { CONTEXT_FIELD, contextFromFields, contextToFields, type CapturedContext } from './context.js';

const ctx: CapturedContext = {
  ttclid: 'E.C.P.abc',
  ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1',
  userAgent: 'Mozilla/5.0',
  page: { url: 'https://shop.example/thanks?x=1', referrer: 'https://shop.example/pay' },
  consent: { adUserData: 'granted', adPersonalization: 'denied', region: 'DE', cmp: { name: 'demo', version: '1' }, decidedAt: '2026-11-25T10:00:00.000Z' },
  capturedAt: '2026-11-25T10:00:01.000Z',
};

describe('context fields', () => {
  it('round-trips through one hidden form field', () => {
    const fields = contextToFields(ctx);
    expect(Object.keys(fields)).toEqual([CONTEXT_FIELD]);
    expect(contextFromFields(fields)).toEqual(ctx);
  });

  it("round-trips Meta's and Google's click ids and cookies beside TikTok's", () => {
    const all: CapturedContext = { ...ctx, fbc: 'fb.1.1554763741205.IwAR2F4', fbp: 'fb.1.1596403881668.1116446470', gclid: 'EAIaIQob', wbraid: 'WB1' };
    expect(contextFromFields(contextToFields(all))).toEqual(all);
  });

  it('reads a missing or malformed field as an empty context with unknown consent', () => {
    const empty = { page: {}, consent: { adUserData: 'unknown', adPersonalization: 'unknown' }, capturedAt: '' };
    expect(contextFromFields({})).toEqual(empty);
    expect(contextFromFields({ [CONTEXT_FIELD]: '{not json' })).toEqual(empty);
    expect(contextFromFields({ [CONTEXT_FIELD]: 'null' })).toEqual(empty);
  });

  it('keeps only strings of known keys and known consent values', () => {
    const hostile = JSON.stringify({ ttclid: 42, ttp: ['x'], extra: 'x', page: { url: 7 }, consent: { adUserData: 'GRANTED?', adPersonalization: 'denied', cmp: { name: {} } } });
    const back = contextFromFields({ [CONTEXT_FIELD]: hostile });
    expect(back).toEqual({ page: {}, consent: { adUserData: 'unknown', adPersonalization: 'denied' }, capturedAt: '' });
  });
});
