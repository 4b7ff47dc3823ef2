/**
 * The thinnest possible stand-in for TikTok: reads the body, counts events, answers code 0.
 * Run as its own process (`node stand-in.js`, prints its URL) so the benchmark measures the
 * outbox, not the stand-in competing for the same core. GET /count returns the event count.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

export interface ThinStandIn {
  apiUrl: string;
  events: () => Promise<number>;
  close: () => Promise<void>;
}

function serve() {
  let events = 0;
  let seq = 0;
  const server = createServer((req, res) => {
    if (req.method === 'GET') return res.end(String(events));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { data: unknown[] };
      events += body.data.length;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: 'OK', request_id: `bench-${++seq}`, data: {} }));
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`http://127.0.0.1:${port}\n`);
  });
}

export async function startThinStandIn(): Promise<ThinStandIn> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return {
    apiUrl: `${base}/open_api/v1.3/event/track/`,
    events: async () => Number(await (await fetch(`${base}/count`)).text()),
    close: async () => { child.kill(); },
  };
}

if (process.argv[2] === 'serve' && process.argv[1] === fileURLToPath(import.meta.url)) serve();
