/** The fitting request form (a lead) and its confirmation page. */
import type { Lead } from '../shop/shop-state.js';
import { esc } from './html.js';
import type { PageContent } from './page-content.js';

export function leadFormPage(error?: string): PageContent {
  return {
    title: 'Book a fitting',
    section: 'fitting',
    body: `<div class="columns"><section>
<h1>Book a free shoe fitting</h1>
<p class="lead">Twenty minutes with one of our runners, in store or by video: we look at how you run, what you are training for, and which shoes suit you. No obligation to buy.</p>
<ul><li>Gait check on the treadmill or by video</li><li>Three pairs to try, road or trail</li><li>A plan for your next race</li></ul></section>
<form method="post" action="/lead" id="lead-form" class="panel" data-identify>
${error ? `<p role="alert" id="form-error" class="notice error">${esc(error)}</p>` : ''}
<label class="field">Email <input type="email" name="email" required autocomplete="email" placeholder="you@example.com"></label>
<label class="field">What are you training for? <textarea name="message" rows="4" placeholder="A half marathon in spring, my first ultra…"></textarea></label>
<button type="submit" class="accent full">Request a fitting</button>
<p class="muted small cta">We reply within one working day to find a time.</p></form></div>`,
  };
}

export function leadThanksPage(lead: Lead, leadEvent: string, leadEventId: string): PageContent {
  return {
    title: 'Fitting requested',
    section: 'fitting',
    body: `<h1>Thanks, we'll be in touch</h1><p id="lead-status" class="notice ok">Request <strong id="lead-id">${esc(lead.id)}</strong> received. We will email you within one working day to find a time.</p>
<p><a class="button ghost" href="/products">Browse the shop</a></p>`,
    events: [{ event: leadEvent, eventId: leadEventId, properties: { description: 'newsletter-and-fitting-request' } }],
  };
}
