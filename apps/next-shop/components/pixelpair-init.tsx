'use client';
/**
 * Starts the browser twin once per page load: loads the TikTok Pixel (held until consent),
 * captures the ttclid from the landing URL, counts one page view per App Router navigation
 * (`spa`), and sets where `beacon()` hands events to the server. The pixel id and script come
 * from the server at request time, so one build runs against the local stand-in and TikTok.
 */
import { consent, init } from '@pixelpair/browser';
import { useEffect } from 'react';
import { savedConsent } from './consent-banner';

export function PixelpairInit({ pixelId, pixelSrc }: { pixelId: string; pixelSrc?: string }) {
  useEffect(() => {
    init({ pixelId, ...(pixelSrc ? { pixelSrc } : {}), consent: 'manual', spa: true, collectUrl: '/api/pixelpair' });
    const saved = savedConsent();
    if (saved) consent(saved);
  }, [pixelId, pixelSrc]);
  return null;
}
