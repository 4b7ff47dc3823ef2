/** The fitting request: stored with its context, server copy sent at once, pixel copy on the thanks page. */
import { leadEventId } from '@pixelpair/core';
import { readForm } from '../http/body.js';
import { redirect, sendText } from '../http/respond.js';
import type { Handler } from '../http/route-kit.js';
import { leadFormPage, leadThanksPage } from '../pages/lead-pages.js';
import { leadEnvelope } from '../shop/envelopes.js';
import { contextFromForm } from '../shop/stored-context.js';

export const leadForm: Handler = (req, res, _url, kit) => kit.render(req, res, leadFormPage());

export const submitLead: Handler = async (req, res, _url, kit) => {
  const form = await readForm(req);
  if (!form) return sendText(res, 413, 'body too large');
  const email = (form.email ?? '').trim();
  if (!email.includes('@')) return kit.render(req, res, leadFormPage('Please enter your email address.'), { status: 400 });
  const lead = kit.state.addLead({ email, message: (form.message ?? '').slice(0, 2000), context: contextFromForm(form, kit.evidence(req)) });
  await kit.delivery.deliver(leadEnvelope(lead, kit.settings.leadEvent));
  redirect(res, `/lead/thanks/${lead.id}`);
};

export const leadThanks: Handler = (req, res, url, kit) => {
  const lead = kit.state.lead(decodeURIComponent(url.pathname.slice('/lead/thanks/'.length)));
  if (!lead) return sendText(res, 404, 'unknown lead');
  kit.render(req, res, leadThanksPage(lead, kit.settings.leadEvent, leadEventId(lead.id)));
};
