/**
 * A minimal browser page for emulator-level tests: it loads a stand-in's pixel stub over HTTP
 * (as a page's script tag would), runs it with the page's snippet in a VM context, and lets the
 * stub's beacons reach the stand-in's collector over real HTTP. Cookies live in a jar shared by
 * the pages of one visitor. Timers run only when asked (no real time). Outside src/: never built.
 */
import vm from 'node:vm';

export type CookieJar = Map<string, string>;

export interface StubPage {
  window: Record<string, any>;
  run(code: string): unknown;
  /** Fetches a script from the stand-in and runs it, like `<script src>`. */
  load(scriptUrl: string): Promise<void>;
  /** Waits for every beacon the page sent (call before reading the stand-in's records). */
  settle(): Promise<void>;
  /** Fires a window event such as `pagehide`. */
  fire(type: string): void;
  runTimers(): void;
}

export function stubPage(href: string, jar: CookieJar = new Map()): StubPage {
  const pending: Array<Promise<unknown>> = [];
  const timers: Array<() => void> = [];
  const listeners: Record<string, Array<() => void>> = {};
  const url = new URL(href);
  const document = {
    referrer: '',
    get cookie() { return [...jar].map(([k, v]) => `${k}=${v}`).join('; '); },
    set cookie(value: string) {
      // A domain attribute on a single label is refused, as for a public suffix.
      const domain = /;\s*domain=([^;]+)/i.exec(value)?.[1];
      if (domain && !domain.includes('.')) return;
      const pair = value.split(';')[0]!;
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    },
    createElement: () => ({}),
    getElementsByTagName: () => [{ parentNode: { insertBefore: () => undefined } }],
    head: { appendChild: () => undefined },
  };
  const window: Record<string, any> = {
    document,
    location: { href: url.href, hostname: url.hostname },
    navigator: {},
    fetch: (to: string, init: { method?: string; body?: string; headers?: Record<string, string> }) => {
      const sent = fetch(to, { method: init.method, body: init.body, headers: init.headers }).then(async (res) => {
        if (res.status >= 300) throw new Error(`collector answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      });
      pending.push(sent);
      return sent;
    },
    setTimeout: (fn: () => void) => { timers.push(fn); return timers.length; },
    addEventListener: (type: string, fn: () => void) => { (listeners[type] ??= []).push(fn); },
  };
  window.window = window;
  const context = vm.createContext(window);
  const run = (code: string) => vm.runInContext(code, context);
  return {
    window,
    run,
    async load(scriptUrl) {
      const res = await fetch(scriptUrl);
      if (!res.ok) throw new Error(`${scriptUrl}: HTTP ${res.status}`);
      run(await res.text());
    },
    async settle() {
      // Beacons may be added while earlier ones settle (none do today); loop until quiet.
      let seen = -1;
      while (seen !== pending.length) {
        seen = pending.length;
        await Promise.all(pending);
      }
    },
    fire(type) { for (const fn of listeners[type] ?? []) fn(); },
    runTimers() { while (timers.length) timers.shift()!(); },
  };
}
