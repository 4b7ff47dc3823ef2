/**
 * Fault injection for reliability tests. A spec says which faults and when:
 * - `{ next: 3, kind: 'http_503' }`: the next 3 Events API requests fail that way (with
 *   `kinds`, they cycle through the list);
 * - `{ rate: 0.3, kinds: [...], seed? }`: each request fails with probability 0.3, kind picked
 *   at random (seeded, so a run can be replayed);
 * - `{ kind: 'rate_limit' }`: every request, until cleared.
 * Faulted requests never record events as accepted, except `slow`, which only delays a
 * normal answer (the case where a client times out although TikTok accepted).
 */

export const FAULT_KINDS = [
  'rate_limit', 'frequency_limited', 'token_expired', 'token_invalid', 'no_permission', 'sys_error',
  'http_429', 'http_500', 'http_502', 'http_503', 'http_504', 'reset', 'timeout', 'slow',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** `K` is the destination's list of kinds (TikTok's `FaultKind` by default; Meta has its own). */
export interface FaultSpec<K extends string = FaultKind> {
  kind?: K;
  kinds?: K[];
  /** Fault exactly the next N requests, then stop. */
  next?: number;
  /** Probability 0..1 that a request is faulted. */
  rate?: number;
  /** For `timeout`: how long to hold the request before destroying the socket (default 30000). For `slow`: the delay before the normal answer (default 2000). */
  delayMs?: number;
  /** Seed for the `rate` draw and kind pick. */
  seed?: number;
}

export interface Fault<K extends string = FaultKind> { kind: K; delayMs: number }

export interface Faults<K extends string = FaultKind> {
  set(spec: FaultSpec<K>): void;
  clear(): void;
  /** The active spec, with `remaining` for `next` specs; null when none. */
  get(): (FaultSpec<K> & { remaining?: number }) | null;
  /** Decides the fault for one incoming request (consumes one `next` slot). */
  pick(): Fault<K> | null;
}

/** Throws a clear message for a malformed spec: this is misconfiguration by the test author. */
export function parseFaultSpec<K extends string = FaultKind>(input: unknown, known: readonly K[] = FAULT_KINDS as unknown as readonly K[]): FaultSpec<K> {
  const KNOWN = new Set<string>(known);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('fault spec: expected an object like { next: 3, kind: "http_503" }');
  const spec = input as Record<string, unknown>;
  for (const key of Object.keys(spec)) {
    if (!['kind', 'kinds', 'next', 'rate', 'delayMs', 'seed'].includes(key)) throw new Error(`fault spec.${key}: unknown field`);
  }
  const kinds = spec.kinds ?? (spec.kind === undefined ? undefined : [spec.kind]);
  if (!Array.isArray(kinds) || kinds.length === 0) throw new Error(`fault spec: give kind or kinds (one of ${known.join(', ')})`);
  kinds.forEach((kind, i) => {
    if (typeof kind !== 'string' || !KNOWN.has(kind)) throw new Error(`fault spec.kinds.${i}: unknown kind ${JSON.stringify(kind)}; expected one of ${known.join(', ')}`);
  });
  if (spec.next !== undefined && (!Number.isInteger(spec.next) || (spec.next as number) < 1)) throw new Error('fault spec.next: expected a positive integer');
  if (spec.rate !== undefined && (typeof spec.rate !== 'number' || spec.rate < 0 || spec.rate > 1)) throw new Error('fault spec.rate: expected a number between 0 and 1');
  if (spec.next !== undefined && spec.rate !== undefined) throw new Error('fault spec: give next or rate, not both');
  if (spec.delayMs !== undefined && (typeof spec.delayMs !== 'number' || spec.delayMs < 0)) throw new Error('fault spec.delayMs: expected a non-negative number of milliseconds');
  if (spec.seed !== undefined && !Number.isInteger(spec.seed)) throw new Error('fault spec.seed: expected an integer');
  const parsed: FaultSpec<K> = { kinds: kinds as K[] };
  if (spec.next !== undefined) parsed.next = spec.next as number;
  if (spec.rate !== undefined) parsed.rate = spec.rate as number;
  if (spec.delayMs !== undefined) parsed.delayMs = spec.delayMs as number;
  if (spec.seed !== undefined) parsed.seed = spec.seed as number;
  return parsed;
}

/** mulberry32: tiny, fast, good enough to make fault runs replayable. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function delayFor(kind: string, spec: FaultSpec<string>): number {
  if (kind === 'timeout') return spec.delayMs ?? 30_000;
  if (kind === 'slow') return spec.delayMs ?? 2_000;
  return 0;
}

export function createFaults<K extends string = FaultKind>(known: readonly K[] = FAULT_KINDS as unknown as readonly K[]): Faults<K> {
  let spec: FaultSpec<K> | null = null;
  let remaining = 0;
  let served = 0;
  let random = Math.random;

  return {
    set(input) {
      spec = parseFaultSpec(input, known);
      remaining = spec.next ?? 0;
      served = 0;
      random = spec.seed === undefined ? Math.random : seededRandom(spec.seed);
    },
    clear() {
      spec = null;
    },
    get() {
      if (!spec) return null;
      return spec.next === undefined ? { ...spec } : { ...spec, remaining };
    },
    pick() {
      if (!spec) return null;
      const kinds = spec.kinds as K[];
      let kind: K;
      if (spec.next !== undefined) {
        if (remaining <= 0) return null;
        remaining--;
        kind = kinds[served++ % kinds.length]!;
        const fault = { kind, delayMs: delayFor(kind, spec) };
        if (remaining === 0) spec = null;
        return fault;
      }
      if (spec.rate !== undefined && random() >= spec.rate) return null;
      kind = kinds.length === 1 ? kinds[0]! : kinds[Math.floor(random() * kinds.length)]!;
      return { kind, delayMs: delayFor(kind, spec) };
    },
  };
}
