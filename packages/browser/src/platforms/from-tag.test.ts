import { beforeEach, describe, expect, it } from 'vitest';
import { freshModules, resetPage } from '../test-helpers.js';

beforeEach(() => resetPage('https://shop.example.com/'));

async function fromTag(attributes: Record<string, string>) {
  await freshModules();
  const { platformsFromTag } = await import('./from-tag.js');
  const tag = document.createElement('script');
  for (const [key, value] of Object.entries(attributes)) tag.setAttribute('data-' + key, value);
  return platformsFromTag(tag.dataset);
}

describe('platformsFromTag (script-tag attributes)', () => {
  it('no platform attributes: no platforms (TikTok alone, as before)', async () => {
    expect(await fromTag({ 'pixel-id': 'C1' })).toEqual([]);
  });

  it('data-meta-pixel-id turns Meta on, data-meta-pixel-src is its script', async () => {
    const [meta, ...rest] = await fromTag({ 'pixel-id': 'C1', 'meta-pixel-id': '1000000000000001', 'meta-pixel-src': '/meta/fbevents.js' });
    expect(rest).toEqual([]);
    expect(meta!.id).toBe('meta');
    meta!.load();
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('/meta/fbevents.js');
    expect(Array.from((window as any).fbq.queue[0])).toEqual(['init', '1000000000000001']);
  });
});
