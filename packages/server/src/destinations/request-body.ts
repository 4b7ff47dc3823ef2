/**
 * Request bodies are built by joining the wire events' JSON, each serialised once when the
 * event was prepared: a retry, a split half or an outbox row never re-serialises its events,
 * and the head of the body is the only part built per request.
 */
import type { WireItem } from './destination.js';

/** `{"a":1,"data":[<e1>,<e2>]}` from a head object (without `data`) and the events' JSON. */
export function joinBody(head: Record<string, unknown>, key: string, events: readonly WireItem[], tail?: Record<string, unknown>): string {
  let json = JSON.stringify(head);
  // One join, not 1000 appends: a flat string, so the socket write does not flatten a rope of pieces.
  const parts = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) parts[i] = events[i]!.wireJson;
  json = `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}${JSON.stringify(key)}:[${parts.join(',')}]`;
  if (tail) {
    const rest = JSON.stringify(tail);
    if (rest.length > 2) json += `,${rest.slice(1, -1)}`;
  }
  return `${json}}`;
}
