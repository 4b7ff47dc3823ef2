/**
 * Test helpers (not part of the build): a fresh copy of the modules per test, a clean
 * page at a given URL, and a ttq that records what it was asked.
 */
import { vi } from 'vitest';

export type Api = typeof import('./index.js');
type Listener = [type: string, fn: EventListenerOrEventListenerObject];

const w = window as any;
const originals = { pushState: history.pushState, replaceState: history.replaceState, addEventListener: globalThis.addEventListener };
const listeners: Listener[] = [];

// remember window listeners the code adds (popstate, load) so each test starts without them
globalThis.addEventListener = function (this: unknown, type: string, fn: any, options?: any) {
  listeners.push([type, fn]);
  return originals.addEventListener.call(this ?? window, type, fn, options);
} as typeof addEventListener;

/** Fresh modules: new state, as after a page load. */
export async function freshModules(): Promise<void> {
  vi.resetModules();
}

export async function freshApi(): Promise<Api> {
  vi.resetModules();
  return import('./index.js');
}

/** Expires every cookie visible here, host-only and at each parent domain. */
export function clearCookies(): void {
  const labels = location.hostname.split('.');
  for (const pair of document.cookie.split('; ')) {
    const name = pair.split('=')[0];
    if (!name) continue;
    document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
    for (let i = 0; i < labels.length - 1; i++) {
      document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; domain=${labels.slice(i).join('.')}`;
    }
  }
}

export function setReferrer(referrer: string): void {
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
}

/** A clean page: no ttq, no CMP, no cookies, no patched history, at `url` with `referrer`. */
export function resetPage(url = 'https://shop.example.com/', referrer = ''): void {
  delete (document as any).cookie;
  for (const key of ['ttq', 'TiktokAnalyticsObject', '__tcfapi', 'dataLayer', 'pixelpair', 'fbq', '_fbq', 'gtag']) delete w[key];
  clearCookies();
  for (const [type, fn] of listeners.splice(0)) removeEventListener(type, fn);
  history.pushState = originals.pushState;
  history.replaceState = originals.replaceState;
  w.happyDOM.setURL(url);
  clearCookies();
  setReferrer(referrer);
  document.head.innerHTML = '';
  document.body.innerHTML = '';
}

export type Call = [method: string, ...args: any[]];

/** Installs a ttq (as a page's base code would after load) that records every call. */
export function recordingTtq(): Call[] {
  const calls: Call[] = [];
  const ttq: Record<string, unknown> = {};
  for (const method of ['page', 'track', 'identify', 'holdConsent', 'grantConsent', 'revokeConsent', 'load']) {
    ttq[method] = (...args: any[]) => {
      calls.push([method, ...args]);
    };
  }
  w.ttq = ttq;
  return calls;
}

/** Installs a `window.fbq` (as Meta's loaded fbevents.js would be) that records every call. */
export function recordingFbq(): Call[] {
  const calls: Call[] = [];
  w.fbq = (...args: Call) => {
    calls.push(args);
  };
  return calls;
}

/** The `[method, ...]` calls a base-code array queue (window.ttq) collected. */
export const queuedCalls = (): Call[] => Array.from(w.ttq as Call[]);

/** Records every `document.cookie = …` write (attributes included) while still applying it. */
export function watchCookies(): string[] {
  const writes: string[] = [];
  let proto = Object.getPrototypeOf(document);
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto);
  const native = Object.getOwnPropertyDescriptor(proto, 'cookie')!;
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => native.get!.call(document),
    set: (value: string) => {
      writes.push(value);
      native.set!.call(document, value);
    },
  });
  return writes;
}
