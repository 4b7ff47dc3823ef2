/**
 * The Express starter (apps/express-backend), run as `node dist/server.js` against the local
 * TikTok stand-in. A shopper adds to cart (the script tag's `ttq.track`, then a beacon to the
 * createCollectHandler endpoint) and buys (a classic form with the hidden pp_context field,
 * then the payment confirmation). Both server copies go through the SQLite outbox and the
 * in-process worker; each pairs with its pixel copy on pixel id, event name and event_id.
 * SIGTERM stops it cleanly, and an event the worker could not deliver before SIGTERM is
 * delivered after the restart, from the same outbox file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '@pixelpair/emulator';
import { checkAllPairs, checkPair } from './support/check-pair.js';
import { eventually } from './support/eventually.js';
import { expect, test } from './support/fixtures.js';
import { inCallOrder } from './support/records.js';
import { REPO_ROOT, startStarter } from './support/starter-process.js';

const APP = path.join(REPO_ROOT, 'apps', 'express-backend');
const PIXEL_ID = 'CSMOKE0EXPRESS000000';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let emulator: Emulator;

test.beforeAll(async () => {
  emulator = await startEmulator({ pixelIds: [PIXEL_ID] });
});
test.beforeEach(() => emulator.reset());
test.afterAll(async () => {
  await emulator?.close();
});

function startBackend(outbox: string) {
  return startStarter({
    name: '@pixelpair/express-backend',
    cwd: APP,
    args: ['dist/server.js'],
    builtFile: 'dist/server.js',
    env: {
      PORT: '0',
      PIXELPAIR_OUTBOX: outbox,
      TIKTOK_PIXEL_ID: PIXEL_ID,
      TIKTOK_ACCESS_TOKEN: 'smoke-test-token',
      TIKTOK_API_URL: emulator.apiUrl,
      TIKTOK_PIXEL_SRC: emulator.pixelScriptUrl,
    },
    ready: (output) => /listening on (http:\/\/\S+)/.exec(output)?.[1],
  });
}

const freshOutbox = () => path.join(mkdtempSync(path.join(tmpdir(), 'express-smoke-')), 'pixelpair.db');
const sentTracks = () => inCallOrder(emulator.records().pixel.filter((c) => c.method === 'track' && c.status === 'sent'));

test('express-backend: the purchase pixel copy and the server copy from the outbox are one pair, and so is AddToCart', async ({ page, context, pageErrors }) => {
  const backend = await startBackend(freshOutbox());
  let exit: Awaited<ReturnType<typeof backend.stop>>;
  try {
    const ttclid = `E.C.P.express-${Math.random().toString(36).slice(2, 10)}`;
    await page.goto(`${backend.url}/?ttclid=${ttclid}`);
    await page.getByRole('button', { name: 'Accept' }).click();
    const rainShell = page.getByRole('listitem').filter({ hasText: 'Rain shell' });
    await rainShell.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.locator('#added')).toHaveText('Added to cart');
    const addPixel = await eventually(() => sentTracks().find((c) => c.event === 'AddToCart'), 'the AddToCart pixel copy');
    const addServer = await eventually(() => emulator.records().events.find((e) => e.event === 'AddToCart'), 'the AddToCart server copy (collect → outbox)');
    expect(checkPair(addPixel, addServer)).toEqual({ ok: true });

    await rainShell.getByPlaceholder('Email').fill(' Alice.Buyer@Example.com ');
    await rainShell.getByRole('button', { name: 'Buy now' }).click();
    await page.waitForURL('**/orders/*/pay');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL('**/orders/*/thank-you');
    const orderId = (await page.locator('#order-id').textContent())!;
    const eventId = `ord_${orderId}_complete_payment`;

    const pixelCopy = await eventually(() => sentTracks().find((c) => c.event === 'CompletePayment'), 'the purchase pixel copy');
    const serverCopy = await eventually(() => emulator.records().events.find((e) => e.event === 'CompletePayment' && e.eventId === eventId), `the server copy ${eventId}`);
    expect(pixelCopy.eventId).toBe(eventId);
    expect(pixelCopy.pixelId).toBe(PIXEL_ID);
    expect(serverCopy.pixelId).toBe(PIXEL_ID);
    expect(checkPair(pixelCopy, serverCopy)).toEqual({ ok: true });

    // Both server copies carry the browser's evidence (hand-off / hidden field) and the request's.
    const ttp = (await context.cookies()).find((c) => c.name === '_ttp')?.value;
    const userAgent = await page.evaluate(() => navigator.userAgent);
    for (const copy of [addServer, serverCopy]) expect(copy.body!.user).toMatchObject({ ttclid, ttp, ip: '127.0.0.1', user_agent: userAgent });
    expect(serverCopy.body!.user!.email).toBe(sha256('alice.buyer@example.com'));
    expect(serverCopy.body!.properties).toMatchObject({ value: 129.95, currency: 'EUR' });

    const pairs = checkAllPairs(sentTracks(), emulator.records().events);
    expect(pairs.map((p) => p.event)).toEqual(['AddToCart', 'CompletePayment']);
    expect(pairs.filter((p) => !p.check.ok)).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    exit = await backend.stop();
  }
  // SIGTERM: requests finished, the worker drained, the outbox closed, exit 0.
  expect(exit.code, exit.output).toBe(0);
  expect(exit.output).toContain('stopped: 2 delivered, 0 retried, 0 dead-lettered');
});

test('express-backend: SIGTERM while TikTok is down exits 0, and the restarted backend delivers the purchase from the same outbox', async ({ page }) => {
  const outbox = freshOutbox();
  const first = await startBackend(outbox);
  emulator.faults.set({ kind: 'http_503' });
  await page.goto(`${first.url}/`);
  await page.getByRole('button', { name: 'Accept' }).click();
  const item = page.getByRole('listitem').filter({ hasText: 'Trail socks' });
  await item.getByPlaceholder('Email').fill('bob@example.com');
  await item.getByRole('button', { name: 'Buy now' }).click();
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.waitForURL('**/orders/*/thank-you');
  const eventId = `ord_${await page.locator('#order-id').textContent()}_complete_payment`;
  await eventually(() => emulator.records().requests.some((r) => r.faulted), 'a failed delivery attempt');

  const exit = await first.stop();
  expect(exit.code, exit.output).toBe(0);
  expect(exit.output).toMatch(/stopped: 0 delivered, [1-9]\d* retried, 0 dead-lettered/);
  expect(emulator.records().events).toEqual([]);

  emulator.faults.clear();
  const second = await startBackend(outbox);
  try {
    const delivered = await eventually(() => emulator.records().events.find((e) => e.eventId === eventId), `${eventId} after the restart`, 15_000);
    expect(delivered).toMatchObject({ pixelId: PIXEL_ID, event: 'CompletePayment' });
  } finally {
    await second.stop();
  }
});
