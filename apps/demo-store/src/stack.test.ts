import { describe, expect, it } from 'vitest';
import { startDemo } from './stack.js';

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
