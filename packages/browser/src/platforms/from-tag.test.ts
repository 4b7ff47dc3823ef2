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

  it('data-google-tag-id / -src / -conversions turn Google on, after Meta', async () => {
    const platforms = await fromTag({ 'google-tag-id': 'AW-1000000001', 'google-tag-src': '/google/gtag.js', 'google-conversions': 'Purchase:purchase, Lead:lead', 'meta-pixel-id': '1' });
    expect(platforms.map((p) => p.id)).toEqual(['meta', 'google']);
    platforms[1]!.load();
    expect(document.head.querySelector('script')!.getAttribute('src')).toBe('/google/gtag.js?id=AW-1000000001');
    platforms[1]!.track('CompletePayment', 'ord_1', { value: 9, currency: 'EUR' });
    expect(Array.from((window as any).dataLayer.at(-1))).toEqual(['event', 'conversion', { send_to: 'AW-1000000001/purchase', transaction_id: 'ord_1', value: 9, currency: 'EUR' }]);
  });

  it('parseConversions: name:label pairs, spaces trimmed, incomplete pairs left out', async () => {
    const { parseConversions } = await import('./from-tag.js');
    expect(parseConversions('Purchase:purchase,Lead:lead')).toEqual({ Purchase: 'purchase', Lead: 'lead' });
    expect(parseConversions(' Purchase : AbC-1_x ,Lead:, :x,junk,')).toEqual({ Purchase: 'AbC-1_x' });
    expect(parseConversions()).toEqual({});
  });
});
