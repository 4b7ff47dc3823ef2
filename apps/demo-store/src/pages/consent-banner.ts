/**
 * Accept / reject / customise. The buttons are wired by /shop.js, which stores the choice
 * in a cookie, hands it to pixelpair's manual consent adapter and tells the server (which
 * then sets or removes its click-id cookie). Shown until a choice exists.
 */
import type { ConsentChoice } from '../shop/consent-choice.js';

function choice(name: string, title: string, text: string): string {
  return `<label class="choice"><span><strong>${title}</strong><span>${text}</span></span><input class="switch" type="checkbox" name="${name}"></label>`;
}

export function consentBanner(current: ConsentChoice | undefined): string {
  return `<section id="consent-banner" aria-label="Cookie consent"${current ? ' hidden' : ''}>
<h2>Cookies and ad measurement</h2>
<p>We use TikTok's Pixel and send order events to TikTok to see which of our ads work. With your OK we also remember on your device the ad that brought you here; either way our server notes it with your cart and sends each platform only what your choice allows. Your choice applies to the Pixel and to our server alike, and you can change it at any time.</p>
<div class="consent-options" id="consent-options" hidden>
<label class="choice"><span><strong>Necessary</strong><span>Your cart and this choice. Always on.</span></span><input class="switch" type="checkbox" checked disabled aria-label="Necessary, always on"></label>
${choice('adUserData', 'Ad measurement', 'Share order and browsing events with TikTok and remember the ad you came from (ad_user_data, ad_storage).')}
${choice('adPersonalization', 'Personalised ads', 'Let TikTok use these events to tailor the ads you see (ad_personalization).')}
<div class="consent-actions"><button type="button" data-consent="save">Save my choice</button></div>
</div>
<div class="consent-actions">
<button type="button" data-consent="accept">Accept all</button>
<button type="button" class="ghost" data-consent="reject">Reject all</button>
<button type="button" class="ghost" data-consent="customise">Customise</button>
</div>
</section>`;
}
