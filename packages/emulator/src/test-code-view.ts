/**
 * `?test_event_code=X` applied to both sides. Server copies carry the code; browser copies
 * never do, so a browser copy joins the view through its pair (its pair's server copy was sent
 * with X) or, when it has no server copy at all, through its browser (the same first-party
 * cookie id, `_ttp` / `_fbp`, arrived on a server copy sent with X). Every other browser copy
 * is left out and counted, so the page can say what it hides.
 */
import type { CopySet, PixelCopy, ServerCopy } from './pair-copies.js';

const SEP = '\u0000';

export const pairKey = (c: Pick<PixelCopy | ServerCopy, 'destination' | 'account' | 'event' | 'eventId'>): string =>
  c.destination + SEP + (c.account ?? '') + SEP + c.event + SEP + (c.eventId ?? '');

export interface TestCodeView {
  server: ServerCopy[];
  pixel: PixelCopy[];
  /** Browser copies whose pair has a server copy sent without this code (or with another one). */
  pixelPairedElsewhere: number;
  /** Browser copies with an event id but no server copy, and no browser id seen on a server copy with this code. */
  pixelUnattributed: number;
}

export const TEST_CODE_RULE =
  'Server copies carry the test event code; browser copies never do. A browser copy is shown under a code when its pair\'s server copy was sent with that code, '
  + 'or, if it has no server copy, when the same browser (its first-party cookie id: _ttp for TikTok, _fbp for Meta) sent a server copy with that code. Other browser copies are hidden and counted. '
  + 'Google has no test event code: its test mode, validateOnly, ingests nothing, so those requests never pair, and under a code Google\'s copies are hidden.';

export function testCodeView(copies: Pick<CopySet, 'server' | 'pixel'>, code: string | undefined): TestCodeView {
  if (code === undefined) return { server: copies.server, pixel: copies.pixel, pixelPairedElsewhere: 0, pixelUnattributed: 0 };
  const server = copies.server.filter((s) => s.testEventCode === code);
  const keysWithCode = new Set(server.filter((s) => s.eventId !== null).map(pairKey));
  const keysAnywhere = new Set(copies.server.filter((s) => s.eventId !== null).map(pairKey));
  const browsers = new Set(server.filter((s) => s.browserId).map((s) => s.destination + SEP + s.browserId));
  const pixel: PixelCopy[] = [];
  let pixelPairedElsewhere = 0;
  let pixelUnattributed = 0;
  for (const p of copies.pixel) {
    const key = p.eventId === null ? null : pairKey(p);
    if (key !== null && keysWithCode.has(key)) pixel.push(p);
    else if (key !== null && keysAnywhere.has(key)) pixelPairedElsewhere++;
    else if (p.browserId && browsers.has(p.destination + SEP + p.browserId)) pixel.push(p);
    // Copies without an event id never pair; they are only counted (unkeyed), so leaving them out is not news.
    else if (key !== null) pixelUnattributed++;
  }
  return { server, pixel, pixelPairedElsewhere, pixelUnattributed };
}
