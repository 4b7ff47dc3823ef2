/**
 * The script tag's platform attributes, beside `data-pixel-id` (TikTok):
 * `data-meta-pixel-id` / `data-meta-pixel-src` turn Meta's Pixel on; `data-google-tag-id`,
 * `data-google-tag-src` and `data-google-conversions="Purchase:purchase,Lead:lead"` Google's tag.
 */
import { metaPixel } from './meta.js';
import type { Platform } from './platform.js';

export function platformsFromTag(data: DOMStringMap): Platform[] {
  const platforms: Platform[] = [];
  if (data.metaPixelId) platforms.push(metaPixel({ pixelId: data.metaPixelId, pixelSrc: data.metaPixelSrc }));
  return platforms;
}
