/**
 * `pixelpair worker --metrics-port N` as an operator runs it: the worker delivers to the local
 * stand-in while Prometheus (here: fetch) scrapes /metrics and /healthz.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { startEmulator, type Emulator } from '@pixelpair/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../cli/main.js';
import { createSqliteStore } from '../outbox/sqlite-store.js';
import { PIXEL, TOKEN, prepared, until } from '../../test-support/outbox/fixtures.js';
import { parseExposition, sampleValue } from '../../test-support/metrics/exposition.js';
import { metricsAddress } from './worker-flags.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pp-metrics-cli-'));
let emulator: Emulator;
beforeAll(async () => { emulator = await startEmulator(); });
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

function worker(argv: string[], signal?: AbortSignal) {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (d: Buffer) => (out += d.toString()));
  const stderr = new PassThrough().on('data', (d: Buffer) => (err += d.toString()));
  const env = { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: PIXEL };
  const code = commands.worker!({ argv, env, stdin: Readable.from(['']), stdout, stderr, ...(signal ? { signal } : {}) });
  return { code, stdout: () => out, stderr: () => err };
}

describe('pixelpair worker --metrics-port', () => {
  it('serves /metrics while delivering, and /healthz', async () => {
    const file = path.join(dir, 'metrics.db');
    const seed = createSqliteStore(file);
    await seed.enqueue([prepared(1), prepared(2)]);
    const stop = new AbortController();
    const run = worker(['--store', `sqlite:${file}`, '--api-url', emulator.apiUrl, '--metrics-port', '0'], stop.signal);
    try {
      await until(() => run.stderr().includes('"metrics":"http://127.0.0.1:'));
      const url = String(JSON.parse(run.stderr().split('\n').find((l) => l.includes('"metrics"'))!).metrics);
      // No scrape before the store shows both delivered: the queue gauges reuse a sample for 10 s.
      await until(async () => (await seed.status(Date.now())).counts.delivered === 2);
      await until(async () => sampleValue(parseExposition(await (await fetch(url)).text()), 'pixelpair_events_delivered_total') === 2);
      const text = await (await fetch(url)).text();
      const s = parseExposition(text);
      expect(sampleValue(s, 'pixelpair_events_delivered_total', { destination: 'tiktok', account: PIXEL, reason: 'ok' })).toBe(2);
      expect(sampleValue(s, 'pixelpair_outbox_events', { destination: 'tiktok', state: 'delivered' })).toBe(2);
      expect(sampleValue(s, 'pixelpair_events_dead_total', { destination: 'tiktok', account: PIXEL, reason: 'invalid_params' })).toBe(0);
      // The standalone worker also reports its own process (memory, CPU).
      expect(sampleValue(s, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(text).not.toContain(TOKEN);
      const health = await fetch(url.replace('/metrics', '/healthz'));
      expect(health.status).toBe(200);
    } finally {
      stop.abort();
      await seed.close();
    }
    expect(await run.code).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({ delivered: 2 });
  });

  it('worker --help lists both metrics flags with the loopback default', async () => {
    const run = worker(['--help']);
    expect(await run.code).toBe(0);
    expect(run.stdout()).toMatch(/--metrics-port N\b/);
    const host = run.stdout().split('--metrics-host HOST')[1]?.split(/\n  -/)[0] ?? '';
    expect(host).toContain('(default: 127.0.0.1)');
  });

  it('without --metrics-port nothing is served; bad flags exit 2 with the reason', async () => {
    expect(metricsAddress({})).toBeUndefined();
    expect(metricsAddress({ 'metrics-port': '9464' })).toEqual({ port: 9464, host: '127.0.0.1' });
    const store = `sqlite:${path.join(dir, 'flags.db')}`;
    for (const [argv, reason] of [
      [['--metrics-port', 'http'], '--metrics-port: expected a port number'],
      [['--metrics-port', '65536'], '--metrics-port: expected a port number'],
      [['--metrics-host', '0.0.0.0'], '--metrics-host needs --metrics-port'],
      [['--metrics-port', '0', '--metrics-host', 'a b'], '--metrics-host: expected a host name'],
    ] as const) {
      const run = worker(['--store', store, ...argv]);
      expect(await run.code).toBe(2);
      expect(run.stderr()).toContain(reason);
      expect(run.stderr()).toContain('`pixelpair worker --help` lists them');
    }
  });
});
