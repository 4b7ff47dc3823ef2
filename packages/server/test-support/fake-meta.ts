/**
 * A scripted local stand-in for Meta's Conversions API endpoint (node:http), for delivery
 * tests: each request takes the next scripted answer (then success forever) and is recorded
 * with its URL, headers and parsed body.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MetaAnswer = { status: number; error?: Record<string, unknown> } | { hang: true };

export interface MetaReceived {
  url: string;
  headers: IncomingMessage['headers'];
  body: { data: Array<Record<string, unknown>>; access_token?: string; test_event_code?: string; appsecret_proof?: string };
}

export interface FakeMeta {
  /** The full endpoint for `pixelId`, as `apiUrl`. */
  url(pixelId: string): string;
  received: MetaReceived[];
  script(...answers: MetaAnswer[]): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeMeta(): Promise<FakeMeta> {
  const received: MetaReceived[] = [];
  const queue: MetaAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as MetaReceived['body'];
      received.push({ url: req.url ?? '', headers: req.headers, body });
      const answer = queue.shift() ?? { status: 200 };
      if ('hang' in answer) return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.error ? { error: { type: 'OAuthException', fbtrace_id: `trace-${received.length}`, ...answer.error } } : { events_received: body.data.length, messages: [], fbtrace_id: `trace-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (pixelId) => `http://127.0.0.1:${port}/v25.0/${pixelId}/events`,
    received,
    script: (...answers) => queue.push(...answers),
    reset: () => {
      queue.length = 0;
      received.length = 0;
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
