/**
 * A scripted local stand-in for TikTok's event/track endpoint (node:http), for delivery
 * tests: each request takes the next scripted answer (then `code: 0` forever) and is
 * recorded with its headers and parsed body.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TikTokRequestBody } from '../src/types.js';

export type Answer =
  | { code: number; message?: string; status?: number; headers?: Record<string, string>; delayMs?: number }
  | { status: number; text: string; headers?: Record<string, string> }
  | { reset: true }
  | { hang: true };

export interface Received {
  headers: IncomingMessage['headers'];
  /** The client's port: equal across requests when the connection was kept alive. */
  remotePort: number | undefined;
  body: TikTokRequestBody;
}

export interface FakeTikTok {
  url: string;
  received: Received[];
  /** Most requests seen in flight at once. */
  maxInFlight(): number;
  script(...answers: Answer[]): void;
  /** Decides answers from the body (checked before the script), e.g. reject a batch holding a bad event. */
  rule(fn: (body: TikTokRequestBody) => Answer | undefined): void;
  /** Forgets the script, the rule and what was received (between tests). */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeTikTok(): Promise<FakeTikTok> {
  const received: Received[] = [];
  const queue: Answer[] = [];
  let n = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let rule: ((body: TikTokRequestBody) => Answer | undefined) | undefined;
  const server: Server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TikTokRequestBody;
      received.push({ headers: req.headers, remotePort: req.socket.remotePort, body });
      const answer = rule?.(body) ?? queue.shift() ?? { code: 0 };
      n += 1;
      if ('hang' in answer) return;
      if ('reset' in answer) {
        req.socket.destroy();
        return;
      }
      if ('text' in answer) {
        res.writeHead(answer.status, { 'content-type': 'text/html', ...answer.headers });
        res.end(answer.text);
        return;
      }
      const id = `req-${n}`;
      const reply = () => {
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify({ code: answer.code, message: answer.message ?? (answer.code === 0 ? 'OK' : 'error'), request_id: id, data: {} }));
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/open_api/v1.3/event/track/`,
    received,
    maxInFlight: () => maxInFlight,
    script: (...answers) => queue.push(...answers),
    rule: (fn) => {
      rule = fn;
    },
    reset: () => {
      queue.length = 0;
      received.length = 0;
      rule = undefined;
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
