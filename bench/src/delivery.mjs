/**
 * Delivery on loopback to the local stand-in (its own process, its own core): createTikTok's
 * send() end to end (prepare included), delivery of prepared events, the ceiling (pre-built
 * 1000-event bodies over an undici Pool, 4 in flight), and one event per request.
 */
import { createTikTok, requestBodies, silentLogger } from '@pixelpair/server';
import { Pool } from 'undici';
import { int, ratio, spread } from './format.mjs';
import { PIXEL_ID } from './pipelines.mjs';
import { timedAsync } from './stats.mjs';
import { startStandIn } from './stand-in.mjs';

const TOKEN = 'bench-token';

function poster(apiUrl, connections) {
  const url = new URL(apiUrl);
  const pool = new Pool(url.origin, { connections, pipelining: 1 });
  const headers = { 'content-type': 'application/json', 'access-token': TOKEN };
  const post = async (body) => {
    const res = await pool.request({ path: url.pathname, method: 'POST', headers, body });
    const answer = await res.body.json();
    if (res.statusCode !== 200 || answer.code !== 0) throw new Error(`stand-in answered ${res.statusCode} code ${answer.code}`);
  };
  /** Posts every body with at most `inFlight` requests outstanding. */
  const postAll = async (bodies, inFlight) => {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(inFlight, bodies.length) }, async () => {
      while (next < bodies.length) await post(bodies[next++]);
    }));
  };
  return { postAll, close: () => pool.close() };
}

export async function deliverySection({ envelopes, prepared, passes }) {
  const standIn = await startStandIn();
  try {
    const n = envelopes.length;
    const tiktok = createTikTok({ pixelId: PIXEL_ID, accessToken: TOKEN, apiUrl: standIn.apiUrl, logger: silentLogger });
    const send = await timedAsync(n, async () => {
      const report = await tiktok.send(envelopes);
      if (report.delivered + report.rejected !== n || report.dropped || report.stopped) throw new Error(`send(): ${JSON.stringify({ ...report, events: undefined })}`);
    }, { passes });
    await tiktok.close();

    const pool = poster(standIn.apiUrl, 4);
    const ready = prepared.slice(0, n);
    const m = ready.length;
    // Bodies are built inside the timed step, 4 in flight like the ceiling: the gap is the building.
    const preparedRun = await timedAsync(m, () => pool.postAll(requestBodies(ready).map((b) => b.body), 4), { passes });
    const prebuilt = requestBodies(ready).map((b) => b.body);
    const ceiling = await timedAsync(m, () => pool.postAll(prebuilt, 4), { passes });
    const single = ready.slice(0, Math.max(100, Math.floor(m / 10)));
    const singles = requestBodies(single, { maxEvents: 1 }).map((b) => b.body);
    const one = await timedAsync(single.length, () => pool.postAll(singles, 4), { passes });
    await pool.close();

    const rows = [
      ['createTikTok().send() end to end, prepare included (default settings)', send],
      ['prepared events: requestBodies + POST, 4 in flight', preparedRun],
      ['ceiling: pre-built 1000-event bodies, undici Pool, 4 in flight', ceiling],
      ['one event per request (as TikTok\'s GTM template sends), 4 in flight', one],
    ];
    return {
      title: 'Delivery on loopback (stand-in on its own core)',
      columns: ['path', 'events/s (median)', 'spread (slowest / fastest pass)', 'vs ceiling'],
      rows: rows.map(([name, s]) => [name, int(s.median), spread(s), ratio(s.median / ceiling.median)]),
      notes: [`${int(n)} envelopes / prepared events per pass (${int(single.length)} for one per request), ${passes} timed passes after a warm-up, to @pixelpair/emulator. deliverPrepared is not among the package's exports, so prepared events go out as requestBodies over the same undici Pool as the ceiling.`],
      data: Object.fromEntries(rows.map(([name, s]) => [name, s])),
    };
  } finally {
    await standIn.close();
  }
}
