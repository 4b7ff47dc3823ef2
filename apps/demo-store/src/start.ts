#!/usr/bin/env node
/**
 * `node apps/demo-store/dist/start.js`: the demo with the local stand-ins of TikTok, Meta and
 * Google, no account needed: three pairs (pixel + server copy) per tracked action. With TIKTOK_ACCESS_TOKEN and TIKTOK_PIXEL_ID set it sends to the
 * real TikTok (TIKTOK_TEST_EVENT_CODE, TIKTOK_API_URL) and loads TikTok's events.js; add
 * META_ACCESS_TOKEN + META_PIXEL_ID (META_TEST_EVENT_CODE) and GOOGLE_ADS_CUSTOMER_ID +
 * GOOGLE_TAG_ID + DEMO_GOOGLE_CONVERSIONS (GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_VALIDATE_ONLY=1)
 * for the real Meta and Google beside it (see real-accounts.ts).
 * Ports: DEMO_PORT (store, default 3000), PAYMENT_PORT (default 3001), EMULATOR_PORT
 * (default 3002); 0 picks a free one. DEMO_PURCHASE_EVENT=Purchase, DEMO_LEAD_EVENT=Lead.
 * DEMO_OUTBOX_PATH keeps the outbox in that SQLite file (inspect it with `pixelpair log`).
 * DEMO_TRUSTED_PROXIES (comma list of IPs/CIDRs) lets X-Forwarded-For from those proxies name the client IP.
 */
import { startDemo } from './stack.js';
import type { DemoOptions } from './stack.js';
import { AccountsError, realAccounts } from './real-accounts.js';
import type { RealAccounts } from './real-accounts.js';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`demo-store: ${name} must be a port number (0-65535), got "${raw}"`);
    process.exit(2);
  }
  return value;
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = process.env[name];
  if (!raw) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  console.error(`demo-store: ${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  process.exit(2);
}

let accounts: RealAccounts;
try {
  accounts = realAccounts(process.env);
} catch (error) {
  console.error(`demo-store: ${error instanceof AccountsError ? error.message : String(error)}`);
  process.exit(2);
}

const options: DemoOptions = {
  host: process.env.DEMO_HOST || '127.0.0.1',
  storePort: port('DEMO_PORT', 3000),
  paymentPort: port('PAYMENT_PORT', 3001),
  emulatorPort: port('EMULATOR_PORT', 3002),
  store: {
    purchaseEvent: oneOf('DEMO_PURCHASE_EVENT', ['CompletePayment', 'Purchase'] as const, 'CompletePayment'),
    leadEvent: oneOf('DEMO_LEAD_EVENT', ['SubmitForm', 'Lead'] as const, 'SubmitForm'),
    ...(process.env.DEMO_OUTBOX_PATH ? { outbox: { path: process.env.DEMO_OUTBOX_PATH, keep: true } } : {}),
    ...(process.env.DEMO_TRUSTED_PROXIES ? { trustedProxies: process.env.DEMO_TRUSTED_PROXIES.split(',').map((p) => p.trim()).filter(Boolean) } : {}),
  },
};
Object.assign(options, accounts);

try {
  const demo = await startDemo(options);
  // On the stand-ins all three platforms run (pixel + server copy each); with accounts, the real ones.
  const where = demo.emulator ? ' (local stand-in)' : '';
  const lines = [
    '',
    'pixelpair demo store is running',
    `  Store:          ${demo.urls.store}/?ttclid=E.C.P.demo-click-1&fbclid=IwDemoClick1&gclid=Cj0DemoClick1`,
    `  Payment (fake): ${demo.urls.payment}`,
    demo.urls.testEvents ? `  Test Events:    ${demo.urls.testEvents}` : `  Test Events:    TikTok Events Manager → Test Events${options.tiktok?.testEventCode ? ` (code ${options.tiktok.testEventCode})` : ''}`,
    `  Events API:     ${demo.urls.api}${demo.emulator ? ' (local stand-in)' : ' (real TikTok)'}`,
    `  Pixel id:       ${demo.pixelId}`,
    `  Meta pixel:     ${demo.metaPixelId ? `${demo.metaPixelId}${where}` : 'off (set META_ACCESS_TOKEN and META_PIXEL_ID)'}`,
    `  Google Ads:     ${demo.googleCustomerId ? `${demo.googleCustomerId}, tag ${demo.googleTagId}${where}` : 'off (set GOOGLE_ADS_CUSTOMER_ID, GOOGLE_TAG_ID, DEMO_GOOGLE_CONVERSIONS)'}`,
  ];
  if (demo.urls.outbox) lines.push(`  Outbox:         ${demo.urls.outbox}  (node scripts/pixelpair.mjs log --store ${demo.urls.outbox} --event-id ord_<id>_complete_payment)`);
  lines.push('', 'Press Ctrl+C to stop.');
  console.log(lines.join('\n'));
  const stop = () => {
    demo.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(`demo-store: could not start: ${code === 'EADDRINUSE' ? 'a port is in use (set DEMO_PORT / PAYMENT_PORT / EMULATOR_PORT, or 0 for any free port)' : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
