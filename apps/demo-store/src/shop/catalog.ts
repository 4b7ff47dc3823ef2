/**
 * The demo shop's products. Prices are in the shop currency; ids are strings because
 * TikTok rejects numeric content_id (40002).
 */
export interface Product {
  id: string;
  name: string;
  category: string;
  brand: string;
  price: number;
  blurb: string;
}

export const CURRENCY = 'EUR';

export const PRODUCTS: readonly Product[] = [
  { id: 'SKU-481', name: 'Trail Runner 2', category: 'Shoes', brand: 'Northpeak', price: 129.95, blurb: 'Light trail shoe with a grippy sole.' },
  { id: 'SKU-112', name: 'Merino Tee', category: 'Tops', brand: 'Woolly', price: 49.5, blurb: 'Soft merino t-shirt that does not smell after a run.' },
  { id: 'SKU-733', name: 'Hydration Vest', category: 'Gear', brand: 'Northpeak', price: 89, blurb: 'Two soft flasks and room for a jacket.' },
  { id: 'SKU-205', name: 'Running Cap', category: 'Accessories', brand: 'Sunny', price: 24.9, blurb: 'Quick-dry cap with a reflective band.' },
];

export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((p) => p.id === id);
}

/** Case-insensitive search over name, category and brand. */
export function searchProducts(query: string): Product[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return PRODUCTS.filter((p) => `${p.name} ${p.category} ${p.brand}`.toLowerCase().includes(q));
}

/** Rounds a money amount to cents, so sums of float prices stay exact enough for TikTok's `value`. */
export function money(amount: number): number {
  return Math.round(amount * 100) / 100;
}
