/** The fitting-request form (a lead) and its confirmation page. */
import type { Lead } from '../shop/shop-state.js';
import { esc } from './html.js';
import type { PageContent } from './catalog-pages.js';

export function leadFormPage(error?: string): PageContent {
  return {
    title: 'Book a fitting',
    body: `<h1>Book a free shoe fitting</h1>${error ? `<p role="alert" id="form-error">${esc(error)}</p>` : ''}
<form method="post" action="/lead" id="lead-form" data-identify>
<label>Email <input type="email" name="email" required></label>
<label>What are you training for? <textarea name="message" rows="3"></textarea></label>
<button type="submit">Request a fitting</button></form>`,
  };
}

export function leadThanksPage(lead: Lead, leadEvent: string, leadEventId: string): PageContent {
  return {
    title: 'Fitting requested',
    body: `<h1>Thanks, we'll be in touch</h1><p id="lead-status">Request <strong id="lead-id">${esc(lead.id)}</strong> received.</p>`,
    events: [{ event: leadEvent, eventId: leadEventId, properties: { description: 'newsletter-and-fitting-request' } }],
  };
}
