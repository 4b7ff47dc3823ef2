/**
 * Issue 2's proof: one CompletePayment, end to end, in real Chromium. The pixel copy and
 * the server copy share event name and event_id; the server copy carries the browser's
 * ttclid and _ttp, the visitor's IP and user agent, and a hashed email; the stand-in
 * accepted it with code 0. And the check is shown to fail when the server copy changes.
 */
import { createHash } from 'node:crypto';
import { startDemo } from '@pixelpair/demo-store';
import type { Envelope } from '@pixelpair/demo-store';
import { expect, test } from './support/fixtures.js';
import { checkPair } from './support/check-pair.js';
import { buyOne } from './support/buy.js';
import { createRecords } from './support/records.js';
import { eventually } from './support/eventually.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

test('CompletePayment: pixel and server copies pair, and the server copy carries the stored browser context', async ({ page, context, demo, records }) => {
  const bought = await buyOne(page, demo);
  const eventId = `ord_${bought.orderId}_complete_payment`;
  expect(bought.purchase).toMatchObject({ event: 'CompletePayment', eventId });

  const pixelCopy = await eventually(() => records.sentTracks().find((c) => c.event === 'CompletePayment'), 'the pixel copy');
  const serverCopy = await eventually(() => records.serverEvent('CompletePayment', eventId), 'the server copy');

  expect(checkPair(pixelCopy, serverCopy)).toEqual({ ok: true });
  expect(pixelCopy.eventId).toBe(eventId);

  const user = serverCopy.body!.user!;
  const ttp = (await context.cookies()).find((c) => c.name === '_ttp')?.value;
  const userAgent = await page.evaluate(() => navigator.userAgent);
  expect(ttp, 'the pixel set a _ttp cookie').toBeTruthy();
  expect(user.ttclid).toBe(bought.ttclid);
  expect(user.ttp).toBe(ttp);
  expect(user.ip).toBe('127.0.0.1');
  expect(user.user_agent).toBe(userAgent);
  expect(user.email).toBe(sha256('alice.buyer@example.com'));
  expect(user.phone).toBe(sha256('+491701234567'));

  const request = records.requests().find((r) => r.requestId === serverCopy.requestId)!;
  expect(request).toMatchObject({ httpStatus: 200, code: 0, accepted: true });
});

for (const [what, mutate] of [
  ['event_id', (e: Envelope) => ({ ...e, eventId: e.eventId.replace('_complete_payment', '_payment') })],
  ['event name', (e: Envelope) => ({ ...e, event: e.event === 'CompletePayment' ? 'Purchase' : e.event })],
] as const) {
  test(`the pair check fails when the server copy's ${what} is changed`, async ({ page }) => {
    const broken = await startDemo({ store: { mutateServerCopy: mutate } });
    try {
      const records = createRecords(broken);
      const bought = await buyOne(page, broken);
      await broken.store.delivery.idle();
      const pixelCopy = await eventually(() => records.sentTracks().find((c) => c.event === 'CompletePayment'), 'the pixel copy');
      const serverCopy = await eventually(() => records.serverEvents().find((e) => e.eventId?.startsWith(`ord_${bought.orderId}_`)), 'the server copy');
      const result = checkPair(pixelCopy, serverCopy);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toContain(what === 'event_id' ? 'event_id differs' : 'event name differs');
    } finally {
      await broken.close();
    }
  });
}
