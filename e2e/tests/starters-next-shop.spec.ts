/**
 * The Next.js starter (apps/next-shop), built with `next build` and run with `next start`
 * against the local TikTok stand-in: a shopper lands with a ttclid, accepts consent, adds to
 * cart, checks out and pays. The purchase's pixel copy (the client component's `ttq.track`)
 * and the server copy the stand-in accepted (sent from the payment server action) share
 * pixel id, event name and event_id; so do the AddToCart copies (the server copy through
 * the createCollectHandler route).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startEmulator, type Emulator } from '@pixelpair/emulator';
import { checkAllPairs, checkPair } from './support/check-pair.js';
import { eventually } from './support/eventually.js';
import { expect, test } from './support/fixtures.js';
import { inCallOrder } from './support/records.js';
import { freePort, REPO_ROOT, startStarter, type StarterProcess } from './support/starter-process.js';

const APP = path.join(REPO_ROOT, 'apps', 'next-shop');
const PIXEL_ID = 'CSMOKE0NEXT0SHOP0000';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let emulator: Emulator;
let shop: StarterProcess;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  emulator = await startEmulator({ pixelIds: [PIXEL_ID] });
  const port = await freePort();
  const next = createRequire(path.join(APP, 'package.json')).resolve('next/dist/bin/next');
  shop = await startStarter({
    name: '@pixelpair/next-shop',
    cwd: APP,
    args: [next, 'start', '-p', String(port), '-H', '127.0.0.1'],
    builtFile: '.next/BUILD_ID',
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      TIKTOK_PIXEL_ID: PIXEL_ID,
      TIKTOK_ACCESS_TOKEN: 'smoke-test-token',
      TIKTOK_API_URL: emulator.apiUrl,
      TIKTOK_PIXEL_SRC: emulator.pixelScriptUrl,
      SHOP_ORIGIN: `http://127.0.0.1:${port}`,
    },
    ready: () => `http://127.0.0.1:${port}`,
  });
});

test.afterAll(async () => {
  await shop?.stop();
  await emulator?.close();
});

test('next-shop: the purchase pixel copy and the server copy from the payment action are one pair', async ({ page, context, pageErrors }) => {
  const ttclid = `E.C.P.next-${Math.random().toString(36).slice(2, 10)}`;
  await page.goto(`${shop.url}/?ttclid=${ttclid}`);
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.locator('[data-product="SKU-300"]').getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('link', { name: 'Checkout (1)' }).click();
  await page.getByLabel('Email').fill(' Alice.Buyer@Example.com ');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL('**/pay/*');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.waitForURL('**/thank-you/*');
  const orderId = (await page.locator('#order-id').textContent())!;
  const eventId = `ord_${orderId}_complete_payment`;

  const sentTracks = () => inCallOrder(emulator.records().pixel.filter((c) => c.method === 'track' && c.status === 'sent'));
  const pixelCopy = await eventually(() => sentTracks().find((c) => c.event === 'CompletePayment'), 'the purchase pixel copy');
  const serverCopy = await eventually(() => emulator.records().events.find((e) => e.event === 'CompletePayment' && e.eventId === eventId), `the server copy ${eventId}`);
  expect(pixelCopy.eventId).toBe(eventId);
  expect(pixelCopy.pixelId).toBe(PIXEL_ID);
  expect(serverCopy.pixelId).toBe(PIXEL_ID);
  expect(checkPair(pixelCopy, serverCopy)).toEqual({ ok: true });

  // The server copy carries what the browser captured and the order stored.
  const user = serverCopy.body!.user!;
  expect(user.ttclid).toBe(ttclid);
  expect(user.ttp).toBe((await context.cookies()).find((c) => c.name === '_ttp')?.value);
  expect(user.ip).toBe('127.0.0.1');
  expect(user.user_agent).toBe(await page.evaluate(() => navigator.userAgent));
  expect(user.email).toBe(sha256('alice.buyer@example.com'));
  expect(emulator.records().requests.find((r) => r.requestId === serverCopy.requestId)).toMatchObject({ httpStatus: 200, code: 0, accepted: true });

  // The AddToCart server copy came through app/api/pixelpair (createCollectHandler) with the browser's event_id.
  await eventually(() => emulator.records().events.find((e) => e.event === 'AddToCart'), 'the AddToCart server copy');
  const pairs = checkAllPairs(sentTracks(), emulator.records().events);
  expect(pairs.map((p) => p.event)).toEqual(['AddToCart', 'CompletePayment']);
  expect(pairs.filter((p) => !p.check.ok)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
