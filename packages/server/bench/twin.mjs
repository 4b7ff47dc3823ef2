// pnpm bench: throughput of the server twin's hot paths on this machine (not part of pnpm test).
// Needs a build (the script runs tsc first). Each figure is the median of 5 timed runs.
import { createServer } from 'node:http';
import { normalizeEmail } from '@pixelpair/core';
import { buildRequestBodies, createTikTok, hashNormalized, normalizePhone, prepareEvent, silentLogger } from '../dist/index.js';

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function rate(label, n, fn, unit = 'ops') {
  fn(Math.min(n, 2000)); // warm-up
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const t = process.hrtime.bigint();
    fn(n);
    runs.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  const perSecond = Math.round(n / median(runs));
  console.log(`${label.padEnd(44)} ${perSecond.toLocaleString('en-US').padStart(12)} ${unit}/s`);
  return perSecond;
}

const emails = Array.from({ length: 1000 }, (_, i) => ` User${i}.Name@Example.COM `);
const phones = Array.from({ length: 1000 }, (_, i) => `0170 ${String(1000000 + i)}`);
const now = Math.floor(Date.now() / 1000);
const envelope = (i) => ({
  event: 'CompletePayment',
  eventId: `ord_${i}_complete_payment`,
  eventTime: now - 60,
  user: { email: emails[i % 1000], phone: phones[i % 1000], externalId: `cust_${i}`, ttclid: 'E.C.P.CvQBA', ttp: '01JRF870C462XP4N5ZD0W5Q3X9_.tt.1', ip: '203.0.113.42', userAgent: 'Mozilla/5.0', country: 'DE' },
  properties: { value: 129.95, currency: 'EUR', contents: [{ contentId: 'SKU-481', quantity: 1, price: 129.95 }], orderId: String(i) },
  consent: { adUserData: 'granted', adPersonalization: 'granted', region: 'DE' },
});
const config = { pixelId: 'CPIXEL0123456789ABCD', defaultCountry: 'DE' };

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
rate('email normalise + SHA-256', 200_000, (n) => {
  for (let i = 0; i < n; i++) hashNormalized(normalizeEmail(emails[i % 1000]));
});
rate('phone normalise (E.164) + SHA-256', 50_000, (n) => {
  for (let i = 0; i < n; i++) hashNormalized(normalizePhone(phones[i % 1000], ['DE']));
});
rate('prepareEvent (validate, consent, hash, check)', 20_000, (n) => {
  for (let i = 0; i < n; i++) if (!prepareEvent(envelope(i), config).ok) throw new Error('invalid');
}, 'events');
const prepared = Array.from({ length: 10_000 }, (_, i) => prepareEvent(envelope(i), config).prepared);
rate('payload build (batch + JSON.stringify)', 10_000, (n) => {
  for (const body of buildRequestBodies(prepared.slice(0, n))) JSON.stringify(body);
}, 'events');

// End to end over loopback HTTP: prepare + batch + POST + classify, against a stand-in answering code 0.
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('{"code":0,"message":"OK","request_id":"r"}'));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const tt = createTikTok({ ...config, accessToken: 'bench-token', apiUrl: `http://127.0.0.1:${server.address().port}/open_api/v1.3/event/track/`, logger: silentLogger });
const envs = Array.from({ length: 10_000 }, (_, i) => envelope(i));
const runs = [];
for (let r = 0; r < 3; r++) {
  const t = process.hrtime.bigint();
  const report = await tt.send(envs);
  if (report.delivered !== envs.length || report.requests !== 10) throw new Error('bench send failed');
  runs.push(Number(process.hrtime.bigint() - t) / 1e9);
}
console.log(`${'send 10k events (10 requests, loopback)'.padEnd(44)} ${Math.round(10_000 / median(runs)).toLocaleString('en-US').padStart(12)} events/s`);
await tt.close();
server.close();
