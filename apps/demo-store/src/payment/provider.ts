/**
 * A fake payment provider on its own origin (another port). The checkout leaves the shop,
 * the buyer pays here, the provider notifies the shop server-to-server (a webhook, like
 * Stripe or Adyen) and then redirects the browser back. The shop must keep ttclid and the
 * event_id intact across this round trip, and must not send the purchase twice although it
 * hears about the payment twice.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readForm } from '../http/body.js';
import { redirect, sendHtml, sendText } from '../http/respond.js';
import { esc } from '../pages/html.js';
import { requestParts, resultParts, sign, verify } from './signature.js';
import type { PaymentRequest, PaymentResult } from './signature.js';

export interface PaymentProviderOptions {
  secret: string;
  port?: number;
  host?: string;
  /** Send the server-to-server notification before redirecting back (default true). */
  webhook?: boolean;
}

export interface PaymentProvider {
  url: string;
  close(): Promise<void>;
}

const STYLE = `*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;background:#eef2ff;color:#1e1b4b;margin:0;padding:2.5rem 1rem}
.box{background:#fff;max-width:26rem;margin:0 auto;padding:1.5rem;border-radius:16px;box-shadow:0 10px 30px #1e1b4b1f}
.logo{font-weight:800;letter-spacing:-.02em;color:#4338ca;font-size:1.3rem;margin:0 0 1rem}.amount{font-size:2rem;font-weight:800;margin:.2rem 0}
.muted{color:#6b7280;font-size:.9rem}.card{border:1px solid #c7d2fe;border-radius:12px;padding:.8rem 1rem;margin:1rem 0;font-family:ui-monospace,monospace;color:#4b5563}
.actions{display:flex;flex-direction:column;gap:.6rem}button{font:inherit;font-weight:600;border:0;border-radius:10px;padding:.8rem 1rem;cursor:pointer;min-height:2.75rem}
#confirm-payment{background:#4338ca;color:#fff}#cancel-payment{background:#fff;color:#4338ca;border:1px solid #c7d2fe}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<link rel="icon" href="data:,"><style>${STYLE}</style></head><body><div class="box">${body}</div></body></html>`;
}

async function notify(notifyUrl: string, result: PaymentResult, secret: string): Promise<void> {
  try {
    await fetch(notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...result, signature: sign(secret, resultParts(result)) }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    // A lost webhook is normal life for a shop; the browser's return leg confirms the order too.
  }
}

export async function createPaymentProvider(options: PaymentProviderOptions): Promise<PaymentProvider> {
  const { secret } = options;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://provider.invalid');
    if (req.method === 'GET' && url.pathname === '/pay') {
      const request: PaymentRequest = {
        order: url.searchParams.get('order') ?? '',
        amount: url.searchParams.get('amount') ?? '',
        currency: url.searchParams.get('currency') ?? '',
        returnUrl: url.searchParams.get('return') ?? '',
        notifyUrl: url.searchParams.get('notify') ?? '',
      };
      if (!verify(secret, requestParts(request), url.searchParams.get('sig'))) return sendText(res, 400, 'payment request signature is invalid');
      const hidden = Object.entries({ order: request.order, amount: request.amount, currency: request.currency, return: request.returnUrl, notify: request.notifyUrl, sig: url.searchParams.get('sig') ?? '' })
        .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`).join('');
      return sendHtml(res, page('FakePay', `<p class="logo">FakePay</p><p class="muted">Northpeak Running asks you to pay</p>
<p class="amount" id="amount">${esc(request.amount)} ${esc(request.currency)}</p><p class="muted">Order ${esc(request.order)}</p>
<div class="card">•••• •••• •••• 4242 · 12/30</div><p class="muted">A stand-in payment page on another origin: no card is charged.</p>
<form method="post" action="/pay" class="actions">${hidden}<button name="status" value="paid" id="confirm-payment">Pay now</button><button name="status" value="cancelled" id="cancel-payment">Cancel and return to the shop</button></form>`));
    }
    if (req.method === 'POST' && url.pathname === '/pay') {
      const form = await readForm(req);
      if (!form) return sendText(res, 413, 'body too large');
      const request: PaymentRequest = { order: form.order ?? '', amount: form.amount ?? '', currency: form.currency ?? '', returnUrl: form.return ?? '', notifyUrl: form.notify ?? '' };
      if (!verify(secret, requestParts(request), form.sig)) return sendText(res, 400, 'payment request signature is invalid');
      const result: PaymentResult = { order: request.order, payment: `pay_${randomBytes(6).toString('hex')}`, status: form.status === 'paid' ? 'paid' : 'cancelled' };
      if (result.status === 'paid' && options.webhook !== false) await notify(request.notifyUrl, result, secret);
      const back = new URL(request.returnUrl);
      back.searchParams.set('order', result.order);
      back.searchParams.set('payment', result.payment);
      back.searchParams.set('status', result.status);
      back.searchParams.set('sig', sign(secret, resultParts(result)));
      return redirect(res, back.toString());
    }
    sendText(res, 404, 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
