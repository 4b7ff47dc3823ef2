/** The fitting request: stored with its context, server copy sent at once, pixel copy on the thanks page. */
import { leadEventId } from '@pixelpair/core';
import { readForm } from '../http/body.js';
import { cookieValue, redirect, sendText } from '../http/respond.js';
import { CART_COOKIE } from '../http/route-kit.js';
import type { Handler } from '../http/route-kit.js';
import { leadFormPage, leadThanksPage } from '../pages/lead-pages.js';
import { leadEnvelope } from '../shop/envelopes.js';
import { contextFromForm, refreshContext } from '../shop/stored-context.js';

export const leadForm: Handler = (req, res, _url, kit) => kit.render(req, res, leadFormPage());

export const submitLead: Handler = async (req, res, _url, kit) => {
  const form = await readForm(req);
  if (!form) return sendText(res, 413, 'body too large');
  const email = (form.email ?? '').trim();
  if (!email.includes('@')) return kit.render(req, res, leadFormPage('Please enter your email address.'), { status: 400 });
  // The visitor's cart, if they have one, completes the context (the landing's click ids, kept server-side); none is created for a lead.
  const cartId = cookieValue(req.headers.cookie, CART_COOKIE);
  const context = refreshContext(cartId ? kit.state.cart(cartId).context : undefined, contextFromForm(form, kit.evidence(req)));
  const lead = kit.state.addLead({ email, message: (form.message ?? '').slice(0, 2000), context });
  await kit.delivery.deliver(leadEnvelope(lead, kit.settings.leadEvent));
  redirect(res, `/lead/thanks/${lead.id}`);
};

export const leadThanks: Handler = (req, res, url, kit) => {
  const lead = kit.state.lead(decodeURIComponent(url.pathname.slice('/lead/thanks/'.length)));
  if (!lead) return sendText(res, 404, 'unknown lead');
  kit.render(req, res, leadThanksPage(lead, kit.settings.leadEvent, leadEventId(lead.id)));
};
