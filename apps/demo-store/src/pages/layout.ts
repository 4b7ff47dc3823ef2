/**
 * The page shell: header, the consent banner, the footer, and the pixelpair script tag.
 * The tag is `async`; the inline array stub keeps calls made before it loads (consent
 * restore), and /shop.js wires forms and fires the page's events once `window.pixelpair`
 * is live. The script tag's attributes are built in `layout` below (one place).
 */
import { esc, inlineJson } from './html.js';
import { consentBanner } from './consent-banner.js';
import type { PageEvent } from './page-events.js';
import type { Section } from './page-content.js';
import { STYLE } from './styles.js';
import { BRAND_MARK } from '../shop/product-art.js';
import type { ConsentChoice } from '../shop/consent-choice.js';

export interface PixelTagSettings {
  pixelId: string;
  /** The Pixel's events.js; undefined loads TikTok's real one. */
  pixelScriptUrl?: string;
  debug?: boolean;
  /** The stand-in's Test Events page, linked in the footer so a visitor can watch the pairs arrive. */
  testEventsUrl?: string;
  /** Meta's Pixel beside TikTok's: its id and fbevents.js (undefined loads Meta's real one). */
  meta?: { pixelId: string; pixelScriptUrl?: string };
  /** The Google tag beside them: `AW-…`, a conversion label per event name, gtag.js (undefined loads Google's). */
  google?: { tagId: string; conversionLabels: Readonly<Record<string, string>>; tagScriptUrl?: string };
}

export interface LayoutInput {
  title: string;
  body: string;
  pixel: PixelTagSettings;
  consent: ConsentChoice | undefined;
  cartCount: number;
  /** Highlighted in the navigation. */
  section?: Section;
  events?: PageEvent[];
  identify?: { email?: string; phone?: string; externalId?: string };
  /** Client-side routed page: the browser package emits one page view per route change. */
  spa?: boolean;
  extraScript?: string;
}

export const SHOP_NAME = 'Northpeak Running';

const NAV: Array<[Section, string, string]> = [
  ['shop', '/products', 'Shop'],
  ['lookbook', '/app/', 'Lookbook'],
  ['fitting', '/lead', 'Book a fitting'],
  ['search', '/search', 'Search'],
];

function header(section: Section | undefined, cartCount: number): string {
  const links = NAV.map(([key, href, label]) => `<a href="${href}"${key === section ? ' aria-current="page"' : ''}>${label}</a>`).join('');
  return `<header class="site-header"><div class="wrap">
<a class="brand" href="/">${BRAND_MARK}<span>${SHOP_NAME}</span></a>
<nav class="nav" aria-label="Shop">${links}</nav>
<a class="cart-link" href="/cart" id="cart-link" aria-label="Cart, ${cartCount} item${cartCount === 1 ? '' : 's'}">Cart <span class="count" id="cart-count">${cartCount}</span></a>
</div></header>`;
}

function footer(testEventsUrl: string | undefined): string {
  const watch = testEventsUrl
    ? `<span>Watch each browser/server pair arrive: <a id="test-events-link" href="${esc(testEventsUrl)}" target="_blank" rel="noopener">Test Events</a></span>`
    : '';
  return `<footer class="site-footer"><div class="wrap"><span>${SHOP_NAME} is a demo shop for pixelpair: nothing here is for sale and no card is charged.</span>${watch}</div></footer>`;
}

/** The script tag's Meta and Google attributes: one tag turns on all three platforms' pixels. */
function platformAttributes(pixel: PixelTagSettings): string[] {
  const { meta, google } = pixel;
  return [
    meta ? `data-meta-pixel-id="${esc(meta.pixelId)}"` : '',
    meta?.pixelScriptUrl ? `data-meta-pixel-src="${esc(meta.pixelScriptUrl)}"` : '',
    google ? `data-google-tag-id="${esc(google.tagId)}"` : '',
    google?.tagScriptUrl ? `data-google-tag-src="${esc(google.tagScriptUrl)}"` : '',
    google ? `data-google-conversions="${esc(Object.entries(google.conversionLabels).map(([event, label]) => `${event}:${label}`).join(','))}"` : '',
  ];
}

export function layout(input: LayoutInput): string {
  const { pixel } = input;
  const attrs = [
    `data-pixel-id="${esc(pixel.pixelId)}"`,
    pixel.pixelScriptUrl ? `data-pixel-src="${esc(pixel.pixelScriptUrl)}"` : '',
    ...platformAttributes(pixel),
    'data-consent="manual"',
    'data-collect-url="/collect"',
    input.spa ? 'data-spa' : '',
    pixel.debug ? 'data-debug' : '',
  ].filter(Boolean).join(' ');
  const restore = input.consent
    ? `window.pixelpair.push(['consent', ${inlineJson({ adUserData: input.consent.adUserData, adPersonalization: input.consent.adPersonalization, cmp: { name: 'demo-banner', version: '1' } })}]);`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(input.title)} · ${SHOP_NAME}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>${STYLE}</style>
<script>window.pixelpair=window.pixelpair||[];${restore}</script>
<script async src="/pixelpair.min.js" ${attrs}></script>
<script defer src="/shop.js"></script>
<script type="application/json" id="pp-events">${inlineJson(input.events ?? [])}</script>
${input.identify ? `<script type="application/json" id="pp-identify">${inlineJson(input.identify)}</script>` : ''}
</head><body>
<div class="topbar">Free shipping · 30-day returns · <a href="/lead">Free shoe fitting</a></div>
${header(input.section, input.cartCount)}
<main class="wrap">${input.body}</main>
${footer(pixel.testEventsUrl)}
${consentBanner(input.consent)}
${input.extraScript ? `<script>${input.extraScript}</script>` : ''}
</body></html>`;
}
