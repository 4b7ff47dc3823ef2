/**
 * The page shell: navigation, the consent banner, and the pixelpair script tag. The tag is
 * `async`; the inline array stub keeps calls made before it loads (consent restore), and
 * /shop.js wires forms and fires the page's events once `window.pixelpair` is live.
 */
import { esc, inlineJson } from './html.js';
import { consentBanner } from './consent-banner.js';
import type { PageEvent } from './page-events.js';
import type { ConsentChoice } from '../shop/consent-choice.js';

export interface PixelTagSettings {
  pixelId: string;
  /** The Pixel's events.js; undefined loads TikTok's real one. */
  pixelScriptUrl?: string;
  debug?: boolean;
  /** The stand-in's Test Events page, linked in the footer so a visitor can watch the pairs arrive. */
  testEventsUrl?: string;
}

export interface LayoutInput {
  title: string;
  body: string;
  pixel: PixelTagSettings;
  consent: ConsentChoice | undefined;
  cartCount: number;
  events?: PageEvent[];
  identify?: { email?: string; phone?: string; externalId?: string };
  /** Client-side routed page: the browser package emits one page view per route change. */
  spa?: boolean;
  extraScript?: string;
}

const STYLE = `
body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#161823;background:#fafafa}
header{display:flex;gap:1rem;align-items:center;padding:.8rem 1.5rem;background:#161823;color:#fff}
header a{color:#fff;text-decoration:none}header .brand{font-weight:700;margin-right:auto}
main{max-width:860px;margin:1.5rem auto;padding:0 1.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:1rem}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem}
button,.button{background:#fe2c55;color:#fff;border:0;border-radius:6px;padding:.55rem 1rem;font-size:1rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#555}label{display:block;margin:.6rem 0}input,textarea,select{font-size:1rem;padding:.4rem;width:100%;max-width:360px}
#consent-banner{position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:3px solid #25f4ee;padding:1rem 1.5rem;box-shadow:0 -2px 12px #0002}
#consent-banner[hidden]{display:none}#consent-banner .options label{display:inline-block;margin-right:1rem}
`;

export function layout(input: LayoutInput): string {
  const { pixel } = input;
  const attrs = [
    `data-pixel-id="${esc(pixel.pixelId)}"`,
    pixel.pixelScriptUrl ? `data-pixel-src="${esc(pixel.pixelScriptUrl)}"` : '',
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
<title>${esc(input.title)} · pixelpair demo store</title><style>${STYLE}</style>
<script>window.pixelpair=window.pixelpair||[];${restore}</script>
<script async src="/pixelpair.min.js" ${attrs}></script>
<script defer src="/shop.js"></script>
<script type="application/json" id="pp-events">${inlineJson(input.events ?? [])}</script>
${input.identify ? `<script type="application/json" id="pp-identify">${inlineJson(input.identify)}</script>` : ''}
</head><body>
<header><a class="brand" href="/">Northpeak Running</a><a href="/products">Products</a><a href="/search">Search</a><a href="/app/">Lookbook</a><a href="/lead">Fitting</a><a href="/cart" id="cart-link">Cart (${input.cartCount})</a></header>
<main>${input.body}</main>
${pixel.testEventsUrl ? `<footer style="text-align:center;margin:2rem 0 8rem;color:#666">Watch each browser/server pair arrive: <a id="test-events-link" href="${esc(pixel.testEventsUrl)}" target="_blank" rel="noopener">Test Events</a></footer>` : ''}
${consentBanner(input.consent)}
${input.extraScript ? `<script>${input.extraScript}</script>` : ''}
</body></html>`;
}
