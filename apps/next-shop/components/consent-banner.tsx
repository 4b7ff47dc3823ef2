'use client';
/**
 * A minimal consent banner for pixelpair's `manual` consent source: until the shopper decides,
 * the Pixel is held; Accept releases the held calls with their event_ids, Reject drops them.
 * The choice is kept in localStorage and restored on the next visit. Using a CMP instead? Set
 * `consent: 'tcf'` or `'gcm'` in PixelpairInit and delete this file.
 */
import { consent, type ConsentState } from '@pixelpair/browser';
import { useEffect, useState } from 'react';

const KEY = 'shop-consent';
type Choice = Pick<ConsentState, 'adUserData' | 'adPersonalization'>;

export function savedConsent(): Choice | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Choice | null;
    return saved ?? undefined;
  } catch {
    return undefined;
  }
}

export function ConsentBanner() {
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(!savedConsent()), []);
  if (!open) return null;
  const choose = (value: 'granted' | 'denied') => {
    const choice: Choice = { adUserData: value, adPersonalization: value };
    localStorage.setItem(KEY, JSON.stringify(choice));
    consent({ ...choice, cmp: { name: 'next-shop-banner', version: '1' } });
    setOpen(false);
  };
  return (
    <aside className="consent" aria-label="Cookie consent">
      <p>We use TikTok ads measurement to see which ads bring you here.</p>
      <button type="button" onClick={() => choose('granted')}>Accept</button>
      <button type="button" className="secondary" onClick={() => choose('denied')}>Reject</button>
    </aside>
  );
}
