// node bench/delivery.mjs [--quick]: delivery to a loopback stand-in (its own process, reading
// and counting every body), side by side in one run: the ceiling (pre-built 1000-event bodies
// posted over an undici Pool, 4 connections, 4 in flight), deliverPrepared of prepared events
// (default concurrency), send() end to end (prepare included), and one event per request (the
// way TikTok's GTM template sends). Passes are interleaved; medians; ratios to the ceiling.
import { Pool } from 'undici';
import { createTikTok, prepareEvent, silentLogger, tiktokDestination } from '../dist/index.js';
import { DEFAULT_CONCURRENCY, deliverPrepared } from '../dist/delivery/deliver.js';
import { createHttpSender } from '../dist/delivery/http.js';
import { startThinStandIn } from '../dist/outbox/bench/stand-in.js';
import { varied } from './records.mjs';

const quick = process.argv.includes('--quick');
const N = quick ? 10_000 : 40_000;
const PASSES = quick ? 3 : 5;
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const standIn = await startThinStandIn();
const apiUrl = new URL(standIn.apiUrl);
const config = { pixelId: 'CPIXEL0123456789ABCD', defaultCountry: 'US' };
const { records } = varied(N, 3);
// consent granted throughout: every envelope becomes one request event
for (const r of records) r.consent.adUserData = 'granted';
const destination = tiktokDestination({ ...config, accessToken: 'bench-token', apiUrl: standIn.apiUrl });
const prepared = records.map((r) => prepareEvent(r, config).prepared);
const bodies = [];
for (let i = 0; i < prepared.length; i += 1000) bodies.push(destination.body('', prepared.slice(i, i + 1000)));
const headers = { 'content-type': 'application/json', 'access-token': 'bench-token' };

async function ceiling() {
  const pool = new Pool(apiUrl.origin, { connections: 4 });
  let next = 0;
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await pool.request({ path: apiUrl.pathname, method: 'POST', headers, body });
      await res.body.text();
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  await pool.close();
}

async function delivered(concurrency) {
  const http = createHttpSender();
  const result = await deliverPrepared(prepared, { destinations: new Map([['tiktok', destination]]), http, ...(concurrency ? { concurrency } : {}) });
  await http.close();
  if (result.results.some((r) => r.outcome.kind !== 'delivered')) throw new Error('deliverPrepared: not all delivered');
}

async function sendAll() {
  const client = createTikTok({ ...config, accessToken: 'bench-token', apiUrl: standIn.apiUrl, logger: silentLogger });
  const report = await client.send(records);
  await client.close();
  if (report.delivered !== records.length) throw new Error(`send(): ${report.delivered} of ${records.length} delivered`);
}

const ONE_BY_ONE = quick ? 1000 : 3000;
async function oneByOne() {
  const pool = new Pool(apiUrl.origin, { connections: 4 });
  let next = 0;
  const lane = async () => {
    while (next < ONE_BY_ONE) {
      const body = destination.body('', [prepared[next++]]);
      const res = await pool.request({ path: apiUrl.pathname, method: 'POST', headers, body });
      await res.body.text();
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  await pool.close();
}

const runs = {
  'ceiling: pre-built 1000-event bodies, undici Pool': [ceiling, N],
  [`deliverPrepared (default concurrency ${DEFAULT_CONCURRENCY})`]: [() => delivered(), N],
  ...(DEFAULT_CONCURRENCY === 8 ? {} : { 'deliverPrepared (concurrency 8)': [() => delivered(8), N] }),
  'send() end to end (prepare included)': [sendAll, N],
  'one event per request (4 in flight)': [oneByOne, ONE_BY_ONE],
};
const rates = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
const names = Object.keys(runs);
for (const [fn] of Object.values(runs)) await fn(); // warm-up
for (let pass = 0; pass < PASSES; pass++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(k + pass) % names.length];
    const [fn, n] = runs[name];
    const t = process.hrtime.bigint();
    await fn();
    rates[name].push(n / (Number(process.hrtime.bigint() - t) / 1e9));
  }
}
const top = median(rates[names[0]]);
console.log(`node ${process.version}; ${N} events (TikTok, 1000 per request), ${PASSES} interleaved passes; median events/s (min–max), ratio to the ceiling`);
for (const name of names) {
  const m = median(rates[name]);
  console.log(`  ${name.padEnd(52)} ${Math.round(m).toLocaleString('en-US').padStart(9)}  (${Math.round(Math.min(...rates[name])).toLocaleString('en-US')}–${Math.round(Math.max(...rates[name])).toLocaleString('en-US')})  ${(m / top).toFixed(2)}×`);
}
await standIn.close();
