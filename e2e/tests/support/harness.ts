/**
 * A bare page server for browser proofs that need a setting the demo store does not use
 * (TCF or Consent Mode instead of the manual banner, an inline build for timing, hostile
 * pages). It serves the built pixelpair.min.js and pages registered by the test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface TagOptions {
  consent?: 'manual' | 'tcf' | 'gcm';
  spa?: boolean;
  collectUrl?: string;
  async?: boolean;
}

export interface Harness {
  url: string;
  /** The script-tag build, as shipped. */
  source: string;
  /** Registers `html` at `path` and returns its absolute URL. */
  page(path: string, html: string): string;
  /** A pixelpair script tag pointing at the stand-in's pixel. */
  tag(options?: TagOptions): string;
  /** Hand-offs posted to /collect, newest last. */
  collected: unknown[];
  close(): Promise<void>;
}

export async function startHarness(pixelScriptUrl: string, pixelId: string): Promise<Harness> {
  const source = readFileSync(createRequire(import.meta.url).resolve('@pixelpair/browser/pixelpair.min.js'), 'utf8');
  const pages = new Map<string, string>();
  const collected: unknown[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/pixelpair.min.js') {
      res.writeHead(200, { 'content-type': 'application/javascript' });
      return res.end(source);
    }
    if (path === '/collect' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        try {
          collected.push(JSON.parse(body));
        } catch {
          collected.push(body);
        }
        res.writeHead(204);
        res.end();
      });
      return;
    }
    const html = pages.get(path);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    source,
    collected,
    page(path, html) {
      pages.set(path, html);
      return url + path;
    },
    tag(options = {}) {
      const attrs = [`data-pixel-id="${pixelId}"`, `data-pixel-src="${pixelScriptUrl}"`, `data-collect-url="${options.collectUrl ?? '/collect'}"`];
      if (options.consent) attrs.push(`data-consent="${options.consent}"`);
      if (options.spa) attrs.push('data-spa');
      return `<script ${options.async === false ? '' : 'async '}src="/pixelpair.min.js" ${attrs.join(' ')}></script>`;
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
