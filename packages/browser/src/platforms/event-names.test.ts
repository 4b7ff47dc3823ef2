import { LEGACY_EVENTS, META_STANDARD_EVENTS, PAGE_VIEW, STANDARD_EVENTS, canonicalEventName, eventNameFor } from '@pixelpair/core';
import { describe, expect, it } from 'vitest';
import { canonicalName, metaEventName } from './event-names.js';

// every name core knows, some custom ones, and names that exist on Object.prototype
const NAMES = [...STANDARD_EVENTS, ...META_STANDARD_EVENTS, ...Object.keys(LEGACY_EVENTS), PAGE_VIEW, 'PageView',
  'NewsletterSignup', 'purchase', 'toString', 'constructor', '__proto__', 'hasOwnProperty', ''];

describe("the browser's compact event names agree with core's mapping", () => {
  it.each(NAMES)('%s', (name) => {
    const core = eventNameFor('meta', name);
    expect(metaEventName(name)).toEqual([core.name, core.standard]);
    expect(canonicalName(name)).toBe(canonicalEventName(name));
  });

  it('the check can fail: a name core maps differently is caught', () => {
    expect(metaEventName('CompletePayment')).not.toEqual(['CompletePayment', false]);
  });
});
