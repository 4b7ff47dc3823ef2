/**
 * Request bodies: building and serialising 1000-event bodies from prepared events, against
 * JSON.stringify of the very same bodies (built once beforehand) alone, in interleaved passes.
 */
import { buildRequestBodies, requestBodies } from '@pixelpair/server';
import { int, ratio, spread } from './format.mjs';
import { naive, PIXEL_ID, pixelpair } from './pipelines.mjs';
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

/** From envelopes to wire JSON: pixelpair's prepareEvent + requestBodies against the naive stack + JSON.stringify of 1000-event bodies. */
export function prepareAndBodiesSection({ envelopes, passes }) {
  const n = envelopes.length;
  const contenders = [
    { name: 'pixelpair prepareEvent + requestBodies', run: () => {
      const ready = [];
      for (const e of envelopes) { const r = pixelpair.run(e); if (r.ok) ready.push(r.prepared); }
      return requestBodies(ready).length;
    } },
    { name: 'naive correct stack + JSON.stringify of 1000-event bodies', run: () => {
      const texts = [];
      let data = [];
      for (const e of envelopes) {
        const r = naive.run(e);
        if (r.ok) data.push(r.event);
        if (data.length === 1000) { texts.push(JSON.stringify({ event_source: 'web', event_source_id: PIXEL_ID, data })); data = []; }
      }
      if (data.length) texts.push(JSON.stringify({ event_source: 'web', event_source_id: PIXEL_ID, data }));
      return texts.length;
    } },
  ];
  const results = interleaved(contenders, [0], { passes, warmup: 1 }).map((r) => ({ ...r, eventsPerSecond: r.median * n }));
  return {
    title: 'Prepare + bodies (envelopes to wire JSON)',
    columns: ['pipeline', 'events/s (median)', 'spread (slowest / fastest pass)', 'vs naive'],
    rows: results.map((r) => [r.name, int(r.eventsPerSecond), spread(r), ratio(r.eventsPerSecond / results[1].eventsPerSecond)]),
    notes: [`${n.toLocaleString('en-US')} varied envelopes per pass, ${passes} interleaved passes.`],
    data: { events: n, results },
  };
}
