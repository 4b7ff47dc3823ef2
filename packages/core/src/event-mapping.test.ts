import { describe, expect, it } from 'vitest';
import { canonicalEventName, eventNameFor, GOOGLE_CATEGORIES, META_STANDARD_EVENTS } from './event-mapping.js';
import { STANDARD_EVENTS } from './event-names.js';

describe('eventNameFor: one table for every platform', () => {
  it.each([
    ['Pageview', 'Pageview', 'PageView'],
    ['PageView', 'Pageview', 'PageView'],
    ['CompletePayment', 'CompletePayment', 'Purchase'],
    ['PlaceAnOrder', 'PlaceAnOrder', 'Purchase'],
    ['Purchase', 'Purchase', 'Purchase'],
    ['SubmitForm', 'SubmitForm', 'Lead'],
    ['Lead', 'Lead', 'Lead'],
    ['AddToCart', 'AddToCart', 'AddToCart'],
    ['ViewContent', 'ViewContent', 'ViewContent'],
  ])('%s → TikTok %s, Meta %s', (name, tiktok, meta) => {
    expect(eventNameFor('tiktok', name)).toEqual({ name: tiktok, standard: true });
    expect(eventNameFor('meta', name)).toEqual({ name: meta, standard: true });
  });

  it('sends TikTok-only standards and unknown names to Meta as custom events, unchanged', () => {
    expect(eventNameFor('meta', 'Download')).toEqual({ name: 'Download', standard: false });
    expect(eventNameFor('meta', 'ApplicationApproval')).toEqual({ name: 'ApplicationApproval', standard: false });
    expect(eventNameFor('meta', 'ClickButton')).toEqual({ name: 'ClickButton', standard: false });
    expect(eventNameFor('meta', 'purchase')).toEqual({ name: 'purchase', standard: false });
    expect(eventNameFor('tiktok', 'MyThing')).toEqual({ name: 'MyThing', standard: false });
    expect(eventNameFor('tiktok', 'Donate')).toEqual({ name: 'Donate', standard: false });
    expect(eventNameFor('meta', 'Donate')).toEqual({ name: 'Donate', standard: true });
  });

  it('every TikTok standard name is either a Meta standard or passes to Meta unchanged as custom', () => {
    for (const name of STANDARD_EVENTS) {
      const meta = eventNameFor('meta', name);
      expect(meta.name).toBe(name);
      expect(meta.standard).toBe((META_STANDARD_EVENTS as readonly string[]).includes(name));
    }
  });

  it('gives Google the canonical name and knows which have a conversion category', () => {
    expect(eventNameFor('google', 'CompletePayment')).toEqual({ name: 'Purchase', standard: true });
    expect(GOOGLE_CATEGORIES[eventNameFor('google', 'SubmitForm').name]).toBe('SUBMIT_LEAD_FORM');
    expect(eventNameFor('google', 'MyThing')).toEqual({ name: 'MyThing', standard: false });
  });

  it('canonical names resolve legacy and Meta spellings', () => {
    expect(canonicalEventName('Pageview')).toBe('PageView');
    expect(canonicalEventName('ClickButton')).toBe('ClickButton');
    expect(canonicalEventName('CompletePayment')).toBe('Purchase');
  });
});
