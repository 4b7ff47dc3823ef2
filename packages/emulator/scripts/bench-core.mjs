// CPU cost of the Events API hot path without HTTP: JSON.parse + validation + recording,
// 100 000 events in batches of 100. `pnpm bench:core` (after a build). Shows how much of a
// loaded machine's throughput the stand-in itself uses, apart from the load generators.
import { createHash } from 'node:crypto';
const { validateTrackRequest } = await import('../dist/index.js');
const { createRecordStore } = await import('../dist/records.js');
const email = createHash('sha256').update('x').digest('hex');
const now = Math.floor(Date.now() / 1000);
const bodies = Array.from({ length: 1000 }, (_, b) => JSON.stringify({ event_source: 'web', event_source_id: 'P', data: Array.from({ length: 100 }, (_, i) => ({
  event: 'Purchase', event_time: now, event_id: `ord_${b}_${i}_purchase`,
  user: { email, ttclid: 'E.C.P.bench', ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1', ip: '203.0.113.7', user_agent: 'Mozilla/5.0 bench' },
  page: { url: 'https://shop.example/thanks' },
  properties: { currency: 'EUR', value: 42.5, contents: [{ content_id: 'sku-1', quantity: 1, price: 42.5 }] } })) }));
const store = createRecordStore(10000);
let t = performance.now(), parse = 0, val = 0, rec = 0;
for (const text of bodies) {
  const a = performance.now(); const body = JSON.parse(text); const b = performance.now();
  const r = validateTrackRequest(body, { requireEventId: true }); const c = performance.now();
  store.addAccepted(r.request, Date.now(), 'R'); const d = performance.now();
  parse += b - a; val += c - b; rec += d - c;
}
const total = performance.now() - t;
console.log({ eventsPerSecondCpu: Math.round(100000 / (total / 1000)), parseMs: parse | 0, validateMs: val | 0, recordMs: rec | 0 });
