import { describe, expect, it } from 'vitest';
import { leadEventId } from '@pixelpair/core';
import { LOCAL_GOOGLE_CONVERSIONS, LOCAL_GOOGLE_TAG_ID, LOCAL_META_PIXEL_ID, LOCAL_PIXEL_ID, startDemo } from './stack.js';

describe('startDemo', () => {
  it('without an account: starts the stand-in, the payment provider and the store, and the pages load the three stand-in pixels', async () => {
    const demo = await startDemo();
    try {
      expect(demo.emulator).toBeDefined();
      expect(new Set([demo.urls.store, demo.urls.payment, demo.emulator!.url]).size).toBe(3);
      expect(demo.urls.testEvents).toBe(`${demo.emulator!.url}/test-events`);
      const html = await (await fetch(`${demo.urls.store}/`)).text();
      expect(html).toContain(`data-pixel-src="${demo.emulator!.pixelScriptUrl}"`);
      expect(html).toContain(`data-pixel-id="${demo.pixelId}"`);
      expect(html).toContain(`data-meta-pixel-id="${LOCAL_META_PIXEL_ID}" data-meta-pixel-src="${demo.emulator!.meta.pixelScriptUrl}"`);
      expect(html).toContain(`data-google-tag-id="${LOCAL_GOOGLE_TAG_ID}" data-google-tag-src="${demo.emulator!.google.gtagScriptUrl}" data-google-conversions="Purchase:purchase,Lead:lead"`);
      expect(html).toContain(`href="${demo.urls.testEvents}"`);
      expect(html, 'no token on the page').not.toMatch(/local-demo-(meta-)?token|private_key/);
      expect({ meta: demo.metaPixelId, google: demo.googleCustomerId, tag: demo.googleTagId }).toEqual({ meta: LOCAL_META_PIXEL_ID, google: '1000000001', tag: LOCAL_GOOGLE_TAG_ID });
    } finally {
      await demo.close();
    }
  });

  it('platforms: [] runs TikTok alone on the stand-ins: no Meta or Google attributes, ids or server copies', async () => {
    const demo = await startDemo({ platforms: [] });
    try {
      const html = await (await fetch(`${demo.urls.store}/`)).text();
      expect(html).toContain(`data-pixel-id="${demo.pixelId}"`);
      expect(html).not.toMatch(/data-meta-|data-google-/);
      expect(demo.metaPixelId).toBeUndefined();
      expect(demo.googleCustomerId).toBeUndefined();
    } finally {
      await demo.close();
    }
  });

  it('without an account: one lead reaches all three stand-ins once, each under its own name for the event, with the same event id', async () => {
    const demo = await startDemo();
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
      expect(html, 'no Meta or Google without their accounts').not.toMatch(/data-meta-|data-google-/);
    } finally {
      await demo.close();
    }
  });

  it('with real Meta and Google accounts: the pages carry their real ids and load their real scripts (no -src attributes), never a token', async () => {
    const demo = await startDemo({
      tiktok: { accessToken: 'token-from-env', pixelId: 'CREALPIXEL', apiUrl: 'http://127.0.0.1:9/open_api/v1.3/event/track/' },
      meta: { pixelId: '2222222222222222', accessToken: 'meta-token-from-env', apiUrl: 'http://127.0.0.1:9/v25.0/2222222222222222/events' },
      google: { customerId: '2222222222', tagId: 'AW-2222222222', conversionActions: { Purchase: '777' }, conversionLabels: { Purchase: 'AbC-dEf' }, apiUrl: 'http://127.0.0.1:9/v1/events:ingest', credentials: { type: 'service_account', client_email: 'demo@example.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n' } },
    });
    try {
      const html = await (await fetch(`${demo.urls.store}/`)).text();
      expect(html).toContain('data-meta-pixel-id="2222222222222222" data-google-tag-id="AW-2222222222" data-google-conversions="Purchase:AbC-dEf"');
      expect(html).not.toMatch(/data-meta-pixel-src|data-google-tag-src/);
      expect(html).not.toMatch(/token-from-env|PRIVATE KEY/);
    } finally {
      await demo.close();
    }
  });
});
