/**
 * toNodeHandler: runs a Fetch-style handler under node:http or Express. The peer address is
 * passed along (a Fetch Request has no socket) so trusted-proxy rules still work. If a body
 * parser already consumed the body (express.json()), the parsed body is re-serialised.
 * A request that cannot even be turned into a Fetch Request (a malformed Host header) gets
 * the handler's documented JSON 400, never an empty 500; a connection whose request body was
 * left unread is closed after the answer, so it cannot hang the next request on it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { CollectHandler } from './handler.js';

type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

export function toFetchRequest(req: NodeRequest): Request {
  const host = req.headers.host ?? 'localhost';
  const proto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const url = `${proto}://${host}${req.originalUrl ?? req.url ?? '/'}`;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    for (const value of Array.isArray(v) ? v : [v]) headers.append(k, value);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  if (req.body !== undefined && req.readableEnded !== false) {
    const parsed = req.body;
    const text = typeof parsed === 'string' || Buffer.isBuffer(parsed) ? parsed.toString() : JSON.stringify(parsed);
    headers.delete('content-length');
    if (typeof parsed === 'object' && !Buffer.isBuffer(parsed)) headers.set('content-type', 'application/json');
    return new Request(url, { method, headers, body: text });
  }
  return new Request(url, { method, headers, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit);
}

function jsonError(status: number, message: string): Response {
  return new Response(JSON.stringify({ ok: false, errors: [{ path: '', message }] }), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

export function toNodeHandler(handler: CollectHandler) {
  return async (req: NodeRequest, res: ServerResponse, next?: (err?: unknown) => void): Promise<void> => {
    try {
      let request: Request | undefined;
      try {
        request = toFetchRequest(req);
      } catch {
        request = undefined;
      }
      const response = request ? await handler(request, { remoteAddress: req.socket.remoteAddress }) : jsonError(400, 'malformed request (host or URL)');
      if (!request) req.resume();
      const cookies = response.headers.getSetCookie();
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie') res.setHeader(key, value);
      });
      if (cookies.length) res.setHeader('set-cookie', cookies);
      res.statusCode = response.status;
      // A body left unread (413, a refused request) would be parsed as the next request on a
      // kept-alive socket, which then hangs: answer, then close this connection.
      if (!req.complete) res.setHeader('connection', 'close');
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (next) return next(error);
      if (res.headersSent) return void res.destroy();
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ ok: false, errors: [{ path: '', message: 'internal error' }] }));
    }
  };
}
