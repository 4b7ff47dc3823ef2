/**
 * The script tag's platform attributes, beside `data-pixel-id` (TikTok):
 * `data-meta-pixel-id` / `data-meta-pixel-src` turn Meta's Pixel on; `data-google-tag-id`,
 * `data-google-tag-src` and `data-google-conversions="Purchase:purchase,Lead:lead"` Google's tag.
 */
import { metaPixel } from './meta.js';
import { googleTag } from './google.js';
import type { Platform } from './platform.js';

export function platformsFromTag(data: DOMStringMap): Platform[] {
  const platforms: Platform[] = [];
  if (data.metaPixelId) platforms.push(metaPixel({ pixelId: data.metaPixelId, pixelSrc: data.metaPixelSrc }));
  if (data.googleTagId) platforms.push(googleTag({ tagId: data.googleTagId, src: data.googleTagSrc, conversions: parseConversions(data.googleConversions) }));
  return platforms;
}

/** `"Purchase:purchase,Lead:lead"` → `{ Purchase: 'purchase', Lead: 'lead' }`; pairs without both halves are left out. */
export function parseConversions(text = ''): Record<string, string> {
  const conversions: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [name, label] = pair.split(':').map((part) => part.trim());
    if (name && label) conversions[name] = label;
  }
  return conversions;
}
