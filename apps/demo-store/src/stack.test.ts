import { describe, expect, it } from 'vitest';
import { leadEventId } from '@pixelpair/core';
import { LOCAL_GOOGLE_CONVERSIONS, LOCAL_META_PIXEL_ID, LOCAL_PIXEL_ID, startDemo } from './stack.js';

describe('startDemo', () => {
  it('without an account: starts the stand-in, the payment provider and the store, and the pages load the stand-in pixel', async () => {
    const demo = await startDemo();
    try {
      expect(demo.emulator).toBeDefined();
      expect(new Set([demo.urls.store, demo.urls.payment, demo.emulator!.url]).size).toBe(3);
      expect(demo.urls.testEvents).toBe(`${demo.emulator!.url}/test-events`);
      const html = await (await fetch(`${demo.urls.store}/`)).text();
      expect(html).toContain(`data-pixel-src="${demo.emulator!.pixelScriptUrl}"`);
      expect(html).toContain(`data-pixel-id="${demo.pixelId}"`);
      expect(html).toContain(`href="${demo.urls.testEvents}"`);
    } finally {
      await demo.close();
    }
  });

  it('without an account: one lead reaches all three stand-ins once, each under its own name for the event, with the same event id', async () => {
    const demo = await startDemo({ platforms: ['meta', 'google'] });
    try {
      const posted = await fetch(`${demo.urls.store}/lead`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Mozilla/5.0 stack-test', referer: `${demo.urls.store}/lead`, cookie: 'demo_consent=granted.granted' },
        body: new URLSearchParams({ email: 'lead@example.com' }).toString(),
      });
      const leadId = posted.headers.get('location')!.split('/').pop()!;
      const eventId = leadEventId(leadId);
      const emulator = demo.emulator!;
      const counts = () => [
        emulator.acceptances(LOCAL_PIXEL_ID, 'SubmitForm', eventId),
        emulator.meta.acceptances(LOCAL_META_PIXEL_ID, 'Lead', eventId),
        emulator.google.acceptances(LOCAL_GOOGLE_CONVERSIONS.Lead.action, eventId),
      ];
      const deadline = Date.now() + 8_000;
      while (counts().some((n) => n === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(counts(), 'TikTok, Meta, Google').toEqual([1, 1, 1]);
      expect(demo.metaPixelId).toBe(LOCAL_META_PIXEL_ID);
    } finally {
      await demo.close();
    }
  }, 15_000);

  it('with an account: no stand-in, TikTok’s own events.js, and the given pixel id', async () => {
    const demo = await startDemo({ tiktok: { accessToken: 'token-from-env', pixelId: 'CREALPIXEL', testEventCode: 'TEST1', apiUrl: 'http://127.0.0.1:9/open_api/v1.3/event/track/' } });
    try {
      expect(demo.emulator).toBeUndefined();
      expect(demo.urls.testEvents).toBeUndefined();
      const html = await (await fetch(`${demo.urls.store}/`)).text();
      expect(html).toContain('data-pixel-id="CREALPIXEL"');
      expect(html).not.toContain('data-pixel-src');
      expect(html).not.toContain('token-from-env');
      expect(html).not.toContain('test-events-link');
    } finally {
      await demo.close();
    }
  });
});
