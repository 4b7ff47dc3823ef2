/** The hand-off carries Meta's and Google's ids beside TikTok's; the handler passes them on and re-sets them as consent allows. */
import type { Handoff } from '@pixelpair/core';
import { describe, expect, it } from 'vitest';
import { createCollectHandler, type CollectContext } from './handler.js';

const ORIGIN = 'https://shop.example';
const ids = { fbc: 'fb.1.1764580000123.IwAR2F4-AbC', fbp: 'fb.1.1764000000000.1116446470', gclid: 'EAIaIQobChMI', wbraid: 'WB-1' };
const handoff = (consent: Handoff['context']['consent']): Handoff => ({
  event: 'ViewContent', eventId: 'pv_1',
  context: { ...ids, userAgent: 'UA', page: { url: `${ORIGIN}/p/1` }, consent, capturedAt: '2026-11-25T11:59:00Z' },
});

async function post(body: Handoff) {
  const seen: CollectContext[] = [];
  const handler = createCollectHandler({ onEvent: (_h, ctx) => void seen.push(ctx), cookies: { secure: false } });
  const res = await handler(new Request(`${ORIGIN}/collect`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  return { res, seen };
}

describe('collect: Meta and Google ids', () => {
  it('passes fbc, fbp, gclid and wbraid to the app and re-sets them when storage is allowed', async () => {
    const { res, seen } = await post(handoff({ adUserData: 'granted', adPersonalization: 'granted' }));
    expect(res.status).toBe(202);
    expect(seen[0]).toMatchObject(ids);
    expect(res.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['_fbc', '_fbp', '_pp_gclid', '_pp_wbraid']);
  });

  it('never writes them against a denial', async () => {
    const { res } = await post(handoff({ adUserData: 'denied', adPersonalization: 'denied' }));
    expect(res.status).toBe(202);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a junk click id with the field named', async () => {
    const { res } = await post({ ...handoff({ adUserData: 'granted', adPersonalization: 'granted' }), context: { ...handoff({ adUserData: 'granted', adPersonalization: 'granted' }).context, gclid: 'a;b\r\nc' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('context.gclid');
  });
});
