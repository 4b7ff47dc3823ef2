/**
 * Builders for the pairing tests: TikTok records shaped like the ones the stand-in really
 * recorded for the demo's accepted and rejected journeys. Outside src/, so never built or shipped.
 */
import type { AcceptedEvent } from '../src/records.js';
import type { PixelCall } from '../src/pixel/pixel-call.js';

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
let seq = 0;

const ALL_KEYS = { email: true, phone: true, external_id: true, ttclid: true, ttp: true, ip: true, user_agent: true };
const ANONYMOUS = { email: false, phone: false, external_id: false, ttclid: true, ttp: true, ip: true, user_agent: true };

export function server(event: string, eventId: string | null, over: Partial<AcceptedEvent> = {}): AcceptedEvent {
  return {
    seq: ++seq, at: T0 + 1000, requestId: `R${seq}`, testEventCode: null, pixelId: 'PIX', event, eventId,
    eventTime: Math.floor(T0 / 1000),
    keys: { email: true, phone: false, external_id: false, ttclid: true, ttp: true, ip: true, user_agent: true },
    ttclid: 'E.C.P.1', ttp: 'x_.tt.1', limitedDataUse: false, adUserData: undefined, adPersonalization: undefined, ...over,
  };
}

export function pixel(event: string, eventId: string | null, over: Partial<PixelCall> = {}): PixelCall {
  seq++;
  return {
    seq, at: T0, time: T0, callId: `c${seq}`, pixelId: 'PIX', method: 'track', event, eventId, properties: null, options: null,
    status: 'sent', auto: false, released: false, consent: 'default', cookiesEnabled: true, ttp: 'x_.tt.1', identity: { email: 'hashed' },
    url: 'https://shop.example/', referrer: '', userAgent: true, ...over,
  };
}

/** A consent call on the global ttq, as the stub records it (`pixelId: null`). */
export function consentCall(method: 'holdConsent' | 'grantConsent' | 'revokeConsent', page: string, url: string, at: number): PixelCall {
  const consent = method === 'holdConsent' ? 'held' : method === 'grantConsent' ? 'granted' : 'revoked';
  return pixel('', null, { method, event: null, status: 'recorded', consent, pixelId: null, callId: `${page}-${++seq}`, url, at, ttp: null, identity: {} });
}

const STEPS = [
  ['ViewContent', 'view_1', '/products/SKU-481'],
  ['AddToCart', 'cart_1_add_to_cart', '/products/SKU-481'],
  ['InitiateCheckout', 'chk_1_initiate_checkout', '/checkout'],
  ['CompletePayment', 'ord_1_complete_payment', '/checkout'],
] as const;

const body = (event: string, eventId: string, path: string, ttp: string | undefined) =>
  ({ event, event_time: Math.floor(T0 / 1000), event_id: eventId, page: { url: `https://shop.example${path}` }, user: { ip: '127.0.0.1', user_agent: 'UA', ttclid: 'E.C.P.1', ...(ttp ? { ttp } : {}) } });

/** Consent accepted: four pairs, strong keys only on the purchase, ad_user_data GRANTED. */
export function acceptedJourney(options: { testEventCode?: string | null; ttp?: string; idSuffix?: string } = {}): { server: AcceptedEvent[]; pixel: PixelCall[] } {
  const ttp = options.ttp ?? 'x_.tt.1';
  const suffix = options.idSuffix ?? '';
  const out = { server: [] as AcceptedEvent[], pixel: [] as PixelCall[] };
  STEPS.forEach(([event, id, path], i) => {
    const at = T0 + i * 1000;
    const purchase = event === 'CompletePayment';
    out.pixel.push(pixel(event, id + suffix, { at, consent: 'granted', ttp, url: `https://shop.example${path}`, identity: purchase ? { email: 'hashed', phone_number: 'hashed', external_id: 'hashed' } : {} }));
    out.server.push(server(event, id + suffix, {
      at: at + 150, testEventCode: options.testEventCode ?? null, keys: purchase ? ALL_KEYS : ANONYMOUS, ttp, limitedDataUse: null,
      adUserData: 'GRANTED', adPersonalization: 'GRANTED', body: body(event, id + suffix, path, ttp),
    }));
  });
  return out;
}

/** Consent rejected: every page loads the pixel, holds and revokes; no track call reaches the stub; server copies DENIED, LDU on. */
export function rejectedJourney(options: { declareConsent?: boolean } = {}): { server: AcceptedEvent[]; pixel: PixelCall[] } {
  const declare = options.declareConsent ?? true;
  const out = { server: [] as AcceptedEvent[], pixel: [] as PixelCall[] };
  const pages = new Set<string>();
  STEPS.forEach(([event, id, path], i) => {
    const at = T0 + i * 1000;
    if (!pages.has(path)) {
      pages.add(path);
      const url = `https://shop.example${path}`;
      out.pixel.push(pixel('', null, { method: 'load', event: null, status: 'recorded', callId: `p${i}-1`, url, at, ttp: null, identity: {} }));
      out.pixel.push(consentCall('holdConsent', `p${i}`, url, at + 1), consentCall('revokeConsent', `p${i}`, url, at + 40));
    }
    out.server.push(server(event, id, {
      at: at + 100, keys: { ...ANONYMOUS, ttp: false }, ttp: null, limitedDataUse: true,
      adUserData: declare ? 'DENIED' : undefined, adPersonalization: declare ? 'DENIED' : undefined, body: body(event, id, path, undefined),
    }));
  });
  return out;
}
