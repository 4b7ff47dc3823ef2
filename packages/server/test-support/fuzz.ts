/**
 * Shared pieces of the hardening suites (issue 12): run counts, the plain personal data the
 * generators plant, a leak finder, a deadline guard for synchronous code, a GC'd heap
 * reading and the "slowest input" report. Test support only: not built into dist.
 */
import vm from 'node:vm';
import v8 from 'node:v8';
import fc from 'fast-check';

/** Runs per property: CI size by default, PIXELPAIR_FUZZ_RUNS for the full size (e.g. 20000). */
export const FUZZ_RUNS = Number(process.env.PIXELPAIR_FUZZ_RUNS) || 150;

/** A test timeout that grows with the run count (the full size runs for minutes). */
export const fuzzTimeout = (msPerRun: number): number => 30_000 + FUZZ_RUNS * msPerRun;

/** Plain personal data the generators put everywhere; none of it may leave unhashed. */
export const PLAIN_EMAILS = ['alice.tester@example.com', 'Bob+Promo@Example.CO.UK', 'carol_99@mail.example.org'];
export const PLAIN_PHONES = ['+4915112345678', '+1 213 373 4253', '(+1)2133734253', '+44 20 7946 0958', '(030) 1234 5678'];

function phoneNeedles(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  return [phone, `+${digits}`, digits];
}

// '(030) 1234 5678' read with country DE
const E164_OF_NATIONAL = ['+493012345678'];
const NEEDLES = [
  ...PLAIN_EMAILS.flatMap((e) => [e, e.toLowerCase(), encodeURIComponent(e), encodeURIComponent(e.toLowerCase())]),
  ...PLAIN_PHONES.flatMap(phoneNeedles),
  ...E164_OF_NATIONAL.flatMap(phoneNeedles),
];

/** The planted personal data found in `value` (serialised), case-insensitively. */
export function leaks(value: unknown): string[] {
  const text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).toLowerCase();
  return [...new Set(NEEDLES.filter((needle) => text.includes(needle.toLowerCase())))];
}

export const plainEmail = fc.constantFrom(...PLAIN_EMAILS);
export const plainPhone = fc.constantFrom(...PLAIN_PHONES);
export const plainPersonal = fc.oneof(plainEmail, plainPhone);

const MB = 1 << 20;
/** Values that broke or slowed the old code: the quadratic email shape, 1 MB strings, separators. */
export const HOSTILE_STRINGS = [
  `a@${'.'.repeat(64 * 1024)}@`,
  `a@${'.'.repeat(MB)}@`,
  'x'.repeat(MB),
  '1000000000000000',
  'E.C.P.a\r\nSet-Cookie: admin=1',
  'abc; Domain=evil.example',
  'a\u0000b',
  '"quoted"',
  "it's",
  'x'.repeat(1000),
  ' ',
  '',
];
export const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

/** Short strings from an alphabet that hits separators, quotes, controls and @ often. */
export const junkString = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', '.', '-', '_', '@', ';', ',', '"', "'", '\\', ' ', '\r', '\n', '\u0000', '\u007f', 'ü', '+', '(', ')'), maxLength: 24 });

export const anyText = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 2, arbitrary: junkString }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: plainPersonal });

const context = vm.createContext({});

/** Runs `fn()` and throws (instead of hanging the suite) when synchronous code runs past `ms`. */
export function withinDeadline<T>(fn: () => T, ms = 10_000): T {
  (context as { fn?: () => T }).fn = fn;
  return vm.runInContext('fn()', context, { timeout: ms }) as T;
}

let gcFn: (() => void) | undefined;
/** heapUsed after a full GC, in bytes. */
export function heapAfterGc(): number {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  for (let i = 0; i < 3; i++) gcFn();
  return process.memoryUsage().heapUsed;
}

/** Keeps the slowest input of a suite and prints it once (a benchmark figure, not an assertion). */
export function slowestInput(suite: string) {
  let worst = { ms: 0, size: 0, label: '' };
  return {
    time<T>(label: string, size: number, fn: () => T): T {
      const start = performance.now();
      try {
        return fn();
      } finally {
        const ms = performance.now() - start;
        if (ms > worst.ms) worst = { ms, size, label };
      }
    },
    async timeAsync<T>(label: string, size: number, fn: () => Promise<T>): Promise<T> {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        const ms = performance.now() - start;
        if (ms > worst.ms) worst = { ms, size, label };
      }
    },
    report(): void {
      console.log(`[fuzz] ${suite}: slowest input ${worst.ms.toFixed(1)} ms (${worst.label}, ${worst.size} bytes as JSON), ${FUZZ_RUNS} runs per property`);
    },
  };
}

/** JSON size of a value, tolerant of what JSON cannot express. */
export function sizeOf(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
