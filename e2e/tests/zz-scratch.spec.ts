import { expect, test } from './support/fixtures.js';
import { buyOne, clickId } from './support/buy.js';
test('scratch', async ({ page, demo, records, context }) => {
  const b = await buyOne(page, demo, { consent: 'reject', fbclid: clickId('IwAR'), gclid: clickId('Cj0KCQ') });
  await records.settled();
  await new Promise((r) => setTimeout(r, 1500));
  console.log('tiktok', JSON.stringify(records.serverEvents().map((e) => [e.event, e.ttclid])));
  console.log('meta', JSON.stringify(records.meta.serverEvents().map((e) => [e.event, e.fbc])));
  console.log('google', JSON.stringify(records.google.serverEvents().map((e) => [e.transactionId, e.gclid])));
  console.log('delivery', JSON.stringify(demo.store.delivery.records().slice(-2)));
  console.log('cookies', JSON.stringify((await context.cookies()).map((c) => c.name)));
  console.log('ctx', JSON.stringify(await page.evaluate(() => (window as any).pixelpair.context())));
  console.log('tag', JSON.stringify(records.google.tagCalls().map((c) => [c.command, c.event, c.status, c.transactionId, c.consentArgs])));
  const rep = demo.emulator!.pairs();
  console.log('pairs', JSON.stringify(rep.pairs.map((p) => [p.destination, p.event, p.verdict, p.code])), rep.summary.headline);
  expect(b).toBeTruthy();
});
