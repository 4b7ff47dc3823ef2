/**
 * A platform's pixel beside TikTok's (Meta's fbq, Google's gtag): a small plain object built
 * by a factory (`metaPixel()`, `googleTag()`) and handed to `init({ platforms })`. pixelpair
 * calls it with the same event_id ttq gets; the adapter speaks its pixel's dialect.
 *
 * The shared consent gate lives here too: the one decision that holds, releases or drops
 * ttq's calls (pixel.ts) does the same for every platform's, and each call is guarded so a
 * missing or throwing pixel costs nothing else (not ttq, not the other platforms, not the page).
 */
import type { CapturedContext, ConsentState } from '@pixelpair/core';
import { state } from '../state.js';
import { warn } from '../log.js';

export interface Platform {
  /** `meta`, `google`: names the adapter in warnings. */
  id: string;
  /** Installs the pixel's queue and script; in a consent mode (`state._hold`) its consent default goes first. */
  load(): void;
  /** Click ids from the landing URL into first-party cookies; on every page view, before the consent gate. */
  capture?(): void;
  track(event: string, eventId: string, properties: Record<string, unknown>): void;
  page(eventId: string): void;
  /** A decision (adUserData granted or denied), before held calls are released or dropped. */
  consent(decision: ConsentState): void;
  /** This platform's ids for the captured context (`fbc`, `fbp`, `gclid`…). */
  context?(): Partial<CapturedContext>;
}

/** Held calls are bounded (as ttq's) so a visitor who never answers the banner cannot grow memory. */
const MAX_HELD = 100;

/** Runs one adapter method; what it throws is only warned about. */
export function guard(platform: Platform, call: (platform: Platform) => void): void {
  try {
    call(platform);
  } catch (e) {
    warn(platform.id, e);
  }
}

/** The consent gate: call every platform now when allowed, hold while undecided in a consent mode, drop when denied. */
export function toPlatforms(call: (platform: Platform) => void): void {
  const decision = state._consent.adUserData;
  for (const platform of state._platforms) {
    const run = () => guard(platform, call);
    if (decision === 'unknown' && state._hold) state._held.length < MAX_HELD && state._held.push(run);
    else if (decision !== 'denied') run();
  }
}

/** A page view on every platform under one event_id, after each captured its click ids. */
export function platformsPage(eventId: string): void {
  for (const platform of state._platforms) guard(platform, (p) => p.capture?.());
  toPlatforms((p) => p.page(eventId));
}

/** A consent decision reached the platforms: each hears it, then held calls go out (granted) or are dropped. */
export function platformsDecided(decision: ConsentState): void {
  const held = state._held;
  state._held = [];
  for (const platform of state._platforms) guard(platform, (p) => p.consent(decision));
  if (decision.adUserData === 'granted') for (const run of held) run();
}

/** Adds an async <script> for a pixel's library. */
/**
 * Inserted at once, not on the next task like TikTok's: fbevents.js and gtag.js hold their
 * queues until they run, and a page left right away (a payment redirect) lost its last
 * PageView when the fetch started a task later (the Test Events e2e counted 9 of 10).
 */
export function loadScript(src: string): void {
  const script = document.createElement('script');
  script.async = true;
  script.src = src;
  document.head.appendChild(script);
}

/** `granted` only when granted: an undecided signal is passed to a pixel as denied. */
export const grantedOrDenied = (value: string): 'granted' | 'denied' => (value === 'granted' ? value : 'denied');
