/**
 * The thinnest possible stand-in for TikTok: reads the body, counts events, answers code 0.
 * Used beside the strict emulator to show how much of a delivery run is the outbox itself.
 */
import { createServer } from 'node:http';

export async function startThinStandIn(): Promise<{ apiUrl: string; events: () => number; close: () => Promise<void> }> {
  let events = 0;
  let seq = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { data: unknown[] };
      events += body.data.length;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: 'OK', request_id: `bench-${++seq}`, data: {} }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    apiUrl: `http://127.0.0.1:${port}/open_api/v1.3/event/track/`,
    events: () => events,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
