/** What a page template returns: the layout wraps it in the shell with the script tag. */
import type { Product } from '../shop/catalog.js';
import type { PageEvent } from './page-events.js';

/** The header entry a page belongs to (highlighted in the navigation). */
export type Section = 'home' | 'shop' | 'lookbook' | 'fitting' | 'search' | 'cart' | 'checkout';

export interface PageContent {
  title: string;
  body: string;
  section?: Section;
  events?: PageEvent[];
  /** SHA-256 hashes for `pixelpair.identify` before the events fire (never plain values). */
  identify?: { email?: string; phone?: string; externalId?: string };
}

/** One product as the Pixel's `contents` entry. */
export const contentOf = (p: Product, quantity = 1) => ({
  content_id: p.id,
  content_name: p.name,
  content_category: p.category,
  brand: p.brand,
  price: p.price,
  quantity,
});
