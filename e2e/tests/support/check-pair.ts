/**
 * The pair rules the platforms deduplicate by. TikTok and Meta: the browser copy and the
 * server copy of one action carry the same pixel id, the same event name (each platform's own
 * name for it) and the same event id. Google: the tag's conversion and the server copy carry
 * the same transaction id (a string), the tag sends it to the conversion label the event maps
 * to, and the server copy goes to that event's conversion action. Pure, so their own tests can
 * show that each rejects a changed name or id.
 */

/** The browser side as the stand-in recorded it (a `ttq.track` or `fbq('track', …)` call). */
export interface PixelCopy {
  pixelId: string | null;
  method: string;
  event: string | null;
  eventId: string | null;
  status: string;
}

/** The server side as the stand-in accepted it. */
export interface ServerCopy {
  pixelId: string;
  event: string;
  eventId: string | null;
}

export type PairCheck = { ok: true } | { ok: false; problems: string[] };

interface Platform {
  /** How the browser call is named in a problem (`ttq`, `fbq`). */
  call: string;
  /** The browser methods that make a pixel copy. */
  fires: readonly string[];
}

const TIKTOK: Platform = { call: 'ttq', fires: ['track'] };
const META: Platform = { call: 'fbq', fires: ['track', 'trackCustom'] };

function samePair(platform: Platform, pixel: PixelCopy | undefined, server: ServerCopy | undefined): PairCheck {
  const problems: string[] = [];
  if (!pixel) problems.push('pixel copy missing');
  if (!server) problems.push('server copy missing');
  if (pixel && server) {
    if (!platform.fires.includes(pixel.method)) problems.push(`pixel copy is a ${platform.call}.${pixel.method} call, not ${platform.fires.map((m) => `${platform.call}.${m}`).join(' or ')}`);
    if (pixel.status !== 'sent') problems.push(`pixel copy was ${pixel.status}, not sent`);
    if (pixel.event !== server.event) problems.push(`event name differs: pixel "${pixel.event}", server "${server.event}"`);
    if (!pixel.eventId || !server.eventId) problems.push('event_id missing on one side');
    else if (pixel.eventId !== server.eventId) problems.push(`event_id differs: pixel "${pixel.eventId}", server "${server.eventId}"`);
    if (pixel.pixelId && pixel.pixelId !== server.pixelId) problems.push(`pixel id differs: pixel "${pixel.pixelId}", server "${server.pixelId}"`);
  }
  return problems.length ? { ok: false, problems } : { ok: true };
}

function allPairs(platform: Platform, pixelCalls: readonly PixelCopy[], serverEvents: readonly ServerCopy[], skip: readonly string[] = []) {
  return pixelCalls
    .filter((c) => platform.fires.includes(c.method) && c.status === 'sent' && !skip.includes(c.event ?? ''))
    .map((call) => {
      const twin = serverEvents.find((e) => e.eventId === call.eventId && e.event === call.event) ?? serverEvents.find((e) => e.eventId === call.eventId);
      return { event: call.event, eventId: call.eventId, check: samePair(platform, call, twin) };
    });
}

export function checkPair(pixel: PixelCopy | undefined, server: ServerCopy | undefined): PairCheck {
  return samePair(TIKTOK, pixel, server);
}

/** Pairs every sent pixel track call with the server copy of the same (event, event_id); the result lists each check. */
export function checkAllPairs(pixelCalls: readonly PixelCopy[], serverEvents: readonly ServerCopy[]): Array<{ event: string | null; eventId: string | null; check: PairCheck }> {
  return allPairs(TIKTOK, pixelCalls, serverEvents);
}

/** Meta's rule: `fbq('track', name, data, { eventID })` and the Conversions API's event_name + event_id, on one pixel. */
export function checkMetaPair(fire: PixelCopy | undefined, server: ServerCopy | undefined): PairCheck {
  return samePair(META, fire, server);
}

/** Every sent fbq fire with its Conversions API twin; PageView has none by design (the demo sends no server page view). */
export function checkAllMetaPairs(fires: readonly PixelCopy[], serverEvents: readonly ServerCopy[]): Array<{ event: string | null; eventId: string | null; check: PairCheck }> {
  return allPairs(META, fires, serverEvents, ['PageView']);
}

/** The tag side: one `gtag('event', 'conversion', { send_to, transaction_id, … })` as the gtag stub recorded it. */
export interface TagConversion {
  tagId: string | null;
  label: string | null;
  conversion: boolean;
  status: string;
  transactionId: string | null;
  transactionIdType: string | null;
}

/** The Data Manager side: one accepted event. */
export interface GoogleServerCopy {
  conversionAction: string;
  transactionId: string | null;
}

/** What the shop configured for one event name: the tag's id and label, and the server's conversion action. */
export interface GoogleConversionSetting {
  tagId: string;
  label: string;
  action: string;
}

export function checkGooglePair(tag: TagConversion | undefined, server: GoogleServerCopy | undefined, expected: GoogleConversionSetting): PairCheck {
  const problems: string[] = [];
  if (!tag) problems.push('tag conversion missing');
  if (!server) problems.push('server copy missing');
  if (tag) {
    if (!tag.conversion) problems.push('tag call is not a Google Ads conversion');
    if (tag.status !== 'sent' && tag.status !== 'cookieless') problems.push(`tag conversion was ${tag.status}, not sent`);
    if (tag.tagId !== expected.tagId) problems.push(`tag id differs: tag "${tag.tagId}", configured "${expected.tagId}"`);
    if (tag.label !== expected.label) problems.push(`conversion label differs: tag "${tag.label}", configured "${expected.label}"`);
    if (tag.transactionIdType !== null && tag.transactionIdType !== 'string') problems.push(`transaction_id is a ${tag.transactionIdType}, not a string`);
  }
  if (server && server.conversionAction !== expected.action) problems.push(`conversion action differs: server "${server.conversionAction}", configured "${expected.action}"`);
  if (tag && server) {
    if (!tag.transactionId || !server.transactionId) problems.push('transaction_id missing on one side');
    else if (tag.transactionId !== server.transactionId) problems.push(`transaction_id differs: tag "${tag.transactionId}", server "${server.transactionId}"`);
  }
  return problems.length ? { ok: false, problems } : { ok: true };
}

/** Every sent tag conversion with its server copy, by transaction id; the label names the event (`settings` maps label → setting). */
export function checkAllGooglePairs(conversions: readonly (TagConversion & { sendTo?: string | null })[], serverEvents: readonly GoogleServerCopy[], settings: readonly (GoogleConversionSetting & { event: string })[]): Array<{ event: string; transactionId: string | null; check: PairCheck }> {
  return conversions.map((tag) => {
    const setting = settings.find((s) => s.label === tag.label) ?? { event: `label ${tag.label}`, tagId: '', label: '', action: '' };
    const twin = serverEvents.find((e) => e.transactionId === tag.transactionId);
    return { event: setting.event, transactionId: tag.transactionId, check: checkGooglePair(tag, twin, setting) };
  });
}
