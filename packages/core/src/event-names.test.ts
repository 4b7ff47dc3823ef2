import { describe, expect, it } from 'vitest';
import { currentEventName, eventKind, legacyAliasesOf, sameAction, STANDARD_EVENTS } from './event-names.js';

describe('event names', () => {
  it('has the 18 current standard web events', () => {
    expect(STANDARD_EVENTS).toHaveLength(18);
    expect(STANDARD_EVENTS).toContain('Purchase');
    expect(STANDARD_EVENTS).toContain('Lead');
  });

  it.each([
    ['Purchase', 'standard'],
    ['CompletePayment', 'legacy'],
    ['SubmitForm', 'legacy'],
    ['Pageview', 'pageview'],
    ['purchase', 'custom'],
    ['MyThing', 'custom'],
  ])('%s is %s', (name, kind) => expect(eventKind(name)).toBe(kind));

  it('maps legacy names to their successors', () => {
    expect(currentEventName('CompletePayment')).toBe('Purchase');
    expect(currentEventName('SubmitForm')).toBe('Lead');
    expect(currentEventName('ClickButton')).toBeNull();
    expect(currentEventName('Purchase')).toBe('Purchase');
    expect(currentEventName('Custom')).toBeNull();
    expect(legacyAliasesOf('Purchase')).toEqual(['CompletePayment', 'PlaceAnOrder']);
    expect(legacyAliasesOf('Lead')).toEqual(['SubmitForm']);
  });

  it('knows an alias describes the same action (which is not the same dedup key)', () => {
    expect(sameAction('CompletePayment', 'Purchase')).toBe(true);
    expect(sameAction('SubmitForm', 'Lead')).toBe(true);
    expect(sameAction('Lead', 'Purchase')).toBe(false);
    expect(sameAction('Custom', 'Other')).toBe(false);
  });
});
