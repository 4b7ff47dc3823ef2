import { describe, expect, it } from 'vitest';
import { CATEGORIES, PRODUCTS } from './catalog.js';
import { BRAND_MARK, productArt } from './product-art.js';

describe('catalogue and product art', () => {
  it('has 6–10 products in the known categories, unique string ids, and the SKUs the e2e journeys use', () => {
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(6);
    expect(PRODUCTS.length).toBeLessThanOrEqual(10);
    expect(new Set(PRODUCTS.map((p) => p.id)).size).toBe(PRODUCTS.length);
    for (const p of PRODUCTS) expect(CATEGORIES as readonly string[], p.id).toContain(p.category);
    expect(PRODUCTS.map((p) => p.id)).toEqual(expect.arrayContaining(['SKU-481', 'SKU-112', 'SKU-733', 'SKU-205']));
    expect(PRODUCTS.find((p) => p.id === 'SKU-481')).toMatchObject({ name: 'Trail Runner 2', price: 129.95 });
  });

  it('draws every product as one self-contained SVG in its own colours', () => {
    for (const p of PRODUCTS) {
      const svg = productArt(p);
      expect(svg, p.id).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 400 300"[^>]*>[\s\S]*<\/svg>$/);
      expect(svg, p.id).toContain(`aria-label="${p.name}"`);
      expect(svg, p.id).toContain(p.art.colour);
      expect(svg, p.id).not.toMatch(/undefined|NaN|href=|<script/);
      expect(svg.length, p.id).toBeLessThan(3000);
    }
    expect(BRAND_MARK).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});
