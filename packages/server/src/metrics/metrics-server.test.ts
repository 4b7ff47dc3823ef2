import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isConfigError } from '../config/config-error.js';
import { startMetricsServer } from './metrics-server.js';

const fixed = { metrics: async () => '# HELP x x\n# TYPE x counter\nx 1\n', contentType: 'text/plain; version=0.0.4; charset=utf-8' };

describe('startMetricsServer', () => {
  it('serves /metrics and /healthz on loopback, and nothing else', async () => {
    const server = await startMetricsServer({ metrics: fixed, port: 0 });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
      const metrics = await fetch(server.url);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toBe(fixed.contentType);
      expect(await metrics.text()).toContain('x 1');
      const health = await fetch(server.url.replace('/metrics', '/healthz'));
      expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
      expect((await fetch(server.url.replace('/metrics', '/'))).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('a failing collection answers 500 without its message', async () => {
    const server = await startMetricsServer({ metrics: { ...fixed, metrics: async () => { throw new Error('password authentication failed for user "shop"'); } }, port: 0 });
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('shop');
    } finally {
      await server.close();
    }
  });

  it('a port in use or out of range is a configuration error', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as AddressInfo).port;
    try {
      const error = await startMetricsServer({ metrics: fixed, port }).catch((e: unknown) => e);
      expect(isConfigError(error)).toBe(true);
      expect((error as Error).message).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((r) => taken.close(r));
    }
    await expect(startMetricsServer({ metrics: fixed, port: 70_000 })).rejects.toThrow(/0 to 65535/);
  });
});
