/**
 * The demo shop's products. Prices are in the shop currency; ids are strings because
 * TikTok rejects numeric content_id (40002). `art` says how /art/<id>.svg draws the product
 * (generated in shop/product-art.ts, so the shop needs no image files).
 */
export type ArtKind = 'shoe' | 'racer' | 'tee' | 'jacket' | 'vest' | 'cap' | 'socks' | 'headlamp';

export interface ProductArt {
  kind: ArtKind;
  /** Main colour of the product, then its accent, then the card background. */
  colour: string;
  accent: string;
  background: string;
}

export interface Product {
  id: string;
  name: string;
  category: string;
  brand: string;
  price: number;
  blurb: string;
  /** Three short facts for the product page. */
  details: readonly string[];
  art: ProductArt;
}

export const CURRENCY = 'EUR';

/** In the order the shop lists them (the landing page shows the first four). */
export const CATEGORIES = ['Shoes', 'Apparel', 'Gear', 'Accessories'] as const;

export const PRODUCTS: readonly Product[] = [
  {
    id: 'SKU-481', name: 'Trail Runner 2', category: 'Shoes', brand: 'Northpeak', price: 129.95,
    blurb: 'Light trail shoe with a grippy sole.',
    details: ['5 mm lugs for mud and wet rock', '8 mm drop, 280 g (EU 42)', 'Recycled mesh upper'],
    art: { kind: 'shoe', colour: '#e4572e', accent: '#1d3557', background: '#fde8df' },
  },
  {
    id: 'SKU-517', name: 'Road Racer Carbon', category: 'Shoes', brand: 'Northpeak', price: 169,
    blurb: 'A carbon-plated racer for tempo days and race day.',
    details: ['Full-length carbon plate', '6 mm drop, 215 g (EU 42)', 'Foam that lasts 600 km'],
    art: { kind: 'racer', colour: '#2a9d8f', accent: '#f4d35e', background: '#dff3ef' },
  },
  {
    id: 'SKU-112', name: 'Merino Tee', category: 'Apparel', brand: 'Woolly', price: 49.5,
    blurb: 'Soft merino t-shirt that does not smell after a run.',
    details: ['150 g/m² merino blend', 'Flat seams, no chafing', 'Machine washable'],
    art: { kind: 'tee', colour: '#457b9d', accent: '#a8dadc', background: '#e3eef5' },
  },
  {
    id: 'SKU-348', name: 'Storm Shell Jacket', category: 'Apparel', brand: 'Northpeak', price: 119,
    blurb: 'Waterproof shell that packs into its own pocket.',
    details: ['10,000 mm waterproof, taped seams', 'Packs to the size of an orange', 'Reflective details'],
    art: { kind: 'jacket', colour: '#f4a261', accent: '#264653', background: '#fdf0e3' },
  },
  {
    id: 'SKU-733', name: 'Hydration Vest', category: 'Gear', brand: 'Northpeak', price: 89,
    blurb: 'Two soft flasks and room for a jacket.',
    details: ['Two 500 ml soft flasks included', '8 litres of storage', 'Bounce-free in every size'],
    art: { kind: 'vest', colour: '#6a994e', accent: '#f2e8cf', background: '#e9f2e1' },
  },
  {
    id: 'SKU-629', name: 'Night Run Headlamp', category: 'Gear', brand: 'Sunny', price: 39.9,
    blurb: '400 lumens, rechargeable, steady on the steepest descent.',
    details: ['400 lumens, red rear light', 'USB-C, 6 h on medium', '68 g with the band'],
    art: { kind: 'headlamp', colour: '#343a40', accent: '#ffd166', background: '#f1f1ea' },
  },
  {
    id: 'SKU-205', name: 'Running Cap', category: 'Accessories', brand: 'Sunny', price: 24.9,
    blurb: 'Quick-dry cap with a reflective band.',
    details: ['Quick-dry and packable', 'Reflective band', 'One size, adjustable'],
    art: { kind: 'cap', colour: '#d62828', accent: '#fcbf49', background: '#fbe3e3' },
  },
  {
    id: 'SKU-264', name: 'Trail Socks (2 pairs)', category: 'Accessories', brand: 'Woolly', price: 19.9,
    blurb: 'Cushioned merino socks that keep grit out.',
    details: ['Merino, cushioned sole', 'Ankle cuff keeps grit out', 'Two pairs per pack'],
    art: { kind: 'socks', colour: '#7b2cbf', accent: '#c8b6ff', background: '#efe7fb' },
  },
];

export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((p) => p.id === id);
}

export function productsIn(category: string | undefined): Product[] {
  return category ? PRODUCTS.filter((p) => p.category === category) : [...PRODUCTS];
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
