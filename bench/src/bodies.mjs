/**
 * Request bodies: building and serialising 1000-event bodies from prepared events, against
 * JSON.stringify of the very same bodies (built once beforehand) alone, in interleaved passes.
 */
import { buildRequestBodies, requestBodies } from '@pixelpair/server';
import { int, ratio, spread } from './format.mjs';
import { interleaved } from './stats.mjs';

export function bodiesSection({ prepared, passes, repeats }) {
  const built = buildRequestBodies(prepared);
  const n = prepared.length;
  // Each contender handles all events in one call; a timed pass makes `repeats` calls, so a
  // pass lasts long enough for the clock and the scheduler.
  const contenders = [
    { name: 'requestBodies (build + serialise to wire JSON)', run: () => requestBodies(prepared).length },
    { name: 'buildRequestBodies + JSON.stringify', run: () => buildRequestBodies(prepared).map((b) => JSON.stringify(b)).length },
    { name: 'JSON.stringify of the same bodies alone', run: () => built.map((b) => JSON.stringify(b)).length },
  ];
  const results = interleaved(contenders, Array.from({ length: repeats }, (_, i) => i), { passes: passes * 3, warmup: repeats }).map((r) => ({ ...r, eventsPerSecond: r.median * n }));
  const base = results[2].eventsPerSecond;
  return {
    title: 'Request bodies (1000 events each)',
    columns: ['step', 'events/s (median)', 'spread (slowest / fastest pass)', 'cost vs JSON.stringify alone'],
    rows: results.map((r) => [r.name, int(r.eventsPerSecond), spread(r), ratio(base / r.eventsPerSecond)]),
    notes: [`${n.toLocaleString('en-US')} prepared events (${built.length} bodies) built ${repeats} times per pass, ${passes * 3} interleaved passes. Cost is time per event over the time of JSON.stringify alone (target ≤ 1.3×).`],
    data: { events: n, bodies: built.length, results },
  };
}
