/**
 * The pair rule TikTok deduplicates by: the browser copy and the server copy of one action
 * must carry the same pixel id, the same event name and the same event_id. Pure, so its
 * own test can show that it rejects a changed name or id.
 */

/** The browser side as the stand-in recorded it (a `ttq.track` call). */
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

export function checkPair(pixel: PixelCopy | undefined, server: ServerCopy | undefined): PairCheck {
  const problems: string[] = [];
  if (!pixel) problems.push('pixel copy missing');
  if (!server) problems.push('server copy missing');
  if (pixel && server) {
    if (pixel.method !== 'track') problems.push(`pixel copy is a ttq.${pixel.method} call, not ttq.track`);
    if (pixel.status !== 'sent') problems.push(`pixel copy was ${pixel.status}, not sent`);
    if (pixel.event !== server.event) problems.push(`event name differs: pixel "${pixel.event}", server "${server.event}"`);
    if (!pixel.eventId || !server.eventId) problems.push('event_id missing on one side');
    else if (pixel.eventId !== server.eventId) problems.push(`event_id differs: pixel "${pixel.eventId}", server "${server.eventId}"`);
    if (pixel.pixelId && pixel.pixelId !== server.pixelId) problems.push(`pixel id differs: pixel "${pixel.pixelId}", server "${server.pixelId}"`);
  }
  return problems.length ? { ok: false, problems } : { ok: true };
}

/** Pairs every sent pixel track call with the server copy of the same (event, event_id); the result lists each check. */
export function checkAllPairs(pixelCalls: readonly PixelCopy[], serverEvents: readonly ServerCopy[]): Array<{ event: string | null; eventId: string | null; check: PairCheck }> {
  return pixelCalls
    .filter((c) => c.method === 'track' && c.status === 'sent')
    .map((call) => {
      const twin = serverEvents.find((e) => e.eventId === call.eventId && e.event === call.event) ?? serverEvents.find((e) => e.eventId === call.eventId);
      return { event: call.event, eventId: call.eventId, check: checkPair(call, twin) };
    });
}
