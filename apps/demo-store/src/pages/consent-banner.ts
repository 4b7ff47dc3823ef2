/**
 * Accept / reject / customise. The buttons are wired by /shop.js, which stores the choice
 * in a cookie and hands it to pixelpair's manual consent adapter. Shown until a choice exists.
 */
import type { ConsentChoice } from '../shop/consent-choice.js';

export function consentBanner(choice: ConsentChoice | undefined): string {
  return `<section id="consent-banner" aria-label="Cookie consent"${choice ? ' hidden' : ''}>
<p><strong>Cookies and ads.</strong> We use TikTok's Pixel and send order events to TikTok to measure our ads. Your choice applies to both.</p>
<div class="options" id="consent-options" hidden>
<label><input type="checkbox" name="adUserData"> Share my data with TikTok for ad measurement (ad_user_data)</label>
<label><input type="checkbox" name="adPersonalization"> Personalised ads (ad_personalization)</label>
<button type="button" data-consent="save">Save my choice</button>
</div>
<button type="button" data-consent="accept">Accept all</button>
<button type="button" class="secondary" data-consent="reject">Reject all</button>
<button type="button" class="secondary" data-consent="customise">Customise</button>
</section>`;
}
