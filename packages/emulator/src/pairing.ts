import type { AcceptedEvent } from './records.js';
import type { PixelCall } from './pixel/pixel-call.js';
export interface PairInput { server: readonly AcceptedEvent[]; pixel: readonly PixelCall[]; now: number; testEventCode?: string }
export function pairEvents(input: PairInput): { pairs: unknown[] } {
  return { pairs: [], ...{ n: input.server.length } };
}
