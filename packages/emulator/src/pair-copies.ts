/**
 * The normalised records the Test Events pairing works on, one shape for every destination.
 * Each stand-in adapts what it recorded into these (TikTok: tiktok-copies.ts); pairing,
 * verdicts and match quality never look at a platform's own record types.
 *
 * How each destination fills the pair key (destination + account + event + eventId):
 * - tiktok: account = pixel id (`event_source_id` / `ttq.load` id), event = event name, eventId = event_id.
 * - meta:   account = pixel id, event = `event_name` ↔ `fbq('track', name)`, eventId = `event_id` ↔ `eventID`.
 * - google: account = the Google Ads operating account, event = `conversion` on both sides (Google
 *           has no event name), eventId = `transactionId` ↔ gtag `transaction_id`. The stand-in cannot
 *           map a tag's `send_to` label to a conversion action id, so it pairs by transaction id
 *           within the account; each side's `target` (label / conversion action) is shown beside it.
 */

export type Destination = 'tiktok' | 'meta' | 'google';

/** A consent signal as declared on a copy: what the sender said, never a guess. */
export type DeclaredConsent = 'granted' | 'denied' | 'not_stated';

/** The browser copy of one user action (a `ttq.track`, `fbq('track')` or gtag conversion call). */
export interface PixelCopy {
  destination: Destination;
  /** Null when the call named no account (TikTok's global calls are recorded per loaded pixel, so rarely null). */
  account: string | null;
  event: string;
  /** Null for copies that cannot pair (automatic page views, calls without an id). */
  eventId: string | null;
  /** One user action in one page; a held call released later keeps its callId. */
  callId: string;
  /** Arrival at the stand-in, ms since the epoch. */
  at: number;
  /** What finally happened to the call: sent to the platform, held for consent, or dropped by consent. */
  status: 'sent' | 'held' | 'dropped';
  /** The pixel's consent state when the call was recorded. */
  consent: 'default' | 'held' | 'granted' | 'revoked';
  /** Which browser-side match keys the call carried (advanced matching keys, browser id). */
  keys: Record<string, boolean>;
  /** The browser's first-party id value (`_ttp`, `_fbp`), used to attribute pixel-only copies to a test code. */
  browserId: string | null;
  pageUrl: string;
  /** Fired by the platform itself (TikTok's history observer), not by the page. */
  auto: boolean;
  /** What the call was addressed to within the account, when the platform has such a thing (Google: the `send_to` target). */
  target?: string | null;
  /** Sent without cookies (Google's tag with ad_storage denied): still a browser copy. */
  cookieless?: boolean;
}

/** The server copy of one user action, as the stand-in accepted it. */
export interface ServerCopy {
  destination: Destination;
  account: string;
  event: string;
  eventId: string | null;
  /** Arrival at the stand-in, ms since the epoch. */
  at: number;
  /** The event's own time, ms since the epoch (TikTok and Meta send seconds; adapters convert). */
  eventTimeMs: number;
  requestId: string;
  /** TikTok/Meta `test_event_code`; for Google an adapter may map `validateOnly` to a code. */
  testEventCode: string | null;
  /** Which server-side match keys arrived, by the destination's key names (see destinations.ts). */
  keys: Record<string, boolean>;
  consent: {
    adUserData: DeclaredConsent;
    adPersonalization: DeclaredConsent;
    /** TikTok `limited_data_use`, Meta `data_processing_options: ["LDU"]`; null when not sent. */
    limitedDataUse: boolean | null;
  };
  /** The page the action happened on, when the copy says (TikTok `page.url`, Meta `event_source_url`). */
  pageUrl: string | null;
  /** The browser id the copy carried (TikTok `user.ttp`, Meta `fbp`), when kept. */
  browserId: string | null;
  /** The destination's own fields worth showing as sent (e.g. TikTok's raw limited_data_use). */
  raw: Record<string, unknown>;
  /**
   * What the copy was addressed to within the account (Google: the conversion action). Repeats
   * are counted per target: one transaction id on two conversion actions is not a double send.
   */
  target?: string | null;
}

/** A consent call the browser made on a page (`ttq.holdConsent/grantConsent/revokeConsent`, `fbq('consent', …)`, gtag consent). */
export interface BrowserConsent {
  destination: Destination;
  account: string | null;
  at: number;
  pageUrl: string;
  /** One page load. */
  page: string;
  /** Order of the call within its page load (beacons may arrive out of order). */
  step: number;
  state: 'held' | 'granted' | 'revoked';
}

/** Everything one destination's stand-in recorded, adapted. */
export interface CopySet {
  pixel: PixelCopy[];
  server: ServerCopy[];
  consent: BrowserConsent[];
  /** Server copies the platform validated but did not ingest (Google `validateOnly`): they never pair, only counted. */
  notIngested?: number;
}

export function mergeCopySets(sets: readonly CopySet[]): CopySet {
  return {
    pixel: sets.flatMap((s) => s.pixel),
    server: sets.flatMap((s) => s.server),
    consent: sets.flatMap((s) => s.consent),
    notIngested: sets.reduce((n, s) => n + (s.notIngested ?? 0), 0),
  };
}
