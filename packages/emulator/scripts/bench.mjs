// Throughput bench for the Events API hot path: `pnpm bench [totalEvents] [batchSize] [workers]`.
// The stand-in runs on this thread; load comes from worker threads over keep-alive HTTP.
// Checks every event_id was accepted exactly once and prints events/s and heap use.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import http from 'node:http';
import { createHash } from 'node:crypto';

if (isMainThread) {
  const { startEmulator } = await import('../dist/index.js');
  const total = Number(process.argv[2] ?? 100_000);
  const batch = Number(process.argv[3] ?? 100);
  const workers = Number(process.argv[4] ?? 3);
  const detailLimit = Number(process.argv[5] ?? 10_000);
  const emulator = await startEmulator({ detailLimit });
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const perWorker = Math.ceil(total / workers);
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, w) => new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { apiUrl: emulator.apiUrl, worker: w, count: Math.min(perWorker, total - w * perWorker), batch } });
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
  const seconds = (performance.now() - started) / 1000;
  const { totals, duplicates } = emulator.records({ summary: true });
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  console.log(JSON.stringify({
    events: totals.events, requests: totals.requests, batch, workers, detailLimit, seconds: +seconds.toFixed(2),
    eventsPerSecond: Math.round(totals.events / seconds), requestsPerSecond: Math.round(totals.requests / seconds),
    uniqueKeys: totals.uniqueKeys, duplicates: duplicates.length, heapGrowthMb: +heapMb.toFixed(1),
  }));
  await emulator.close();
  if (totals.events !== total || totals.uniqueKeys !== total || duplicates.length) {
    console.error('bench: not every event_id was accepted exactly once');
    process.exit(1);
  }
} else {
  const { apiUrl, worker, count, batch } = workerData;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const email = createHash('sha256').update('bench@example.com').digest('hex');
  const now = Math.floor(Date.now() / 1000);
  const makeBody = (from, n) => JSON.stringify({
    event_source: 'web', event_source_id: 'BENCHPIXEL', data: Array.from({ length: n }, (_, i) => ({
      event: 'Purchase', event_time: now, event_id: `ord_${worker}_${from + i}_purchase`,
      user: { email, ttclid: 'E.C.P.bench', ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1', ip: '203.0.113.7', user_agent: 'Mozilla/5.0 bench' },
      page: { url: 'https://shop.example/thanks' },
      properties: { currency: 'EUR', value: 42.5, contents: [{ content_id: 'sku-1', quantity: 1, price: 42.5 }] },
    })),
  });
  const post = (body) => new Promise((resolve, reject) => {
    const req = http.request(apiUrl, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'access-token': 'bench', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => (JSON.parse(text).code === 0 ? resolve() : reject(new Error(text))));
    });
    req.on('error', reject);
    req.end(body);
  });
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const from = next;
      const n = Math.min(batch, count - from);
      next += n;
      await post(makeBody(from, n));
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  agent.destroy();
  parentPort.postMessage('done');
}
