/**
 * Everything besides the Events API: the pixel script and its collector, the Test Events
 * page, and the JSON API under `/__emulator/` that tests read and steer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultSpec, type Faults } from './faults.js';
import { CORS_HEADERS, readBody, sendJson, sendText } from './http.js';
import type { RecordStore } from './records.js';
import { toPixelCall } from './pixel/pixel-call.js';
import { pixelScript } from './pixel/stub-script.js';
import { pairEvents } from './pairing.js';
import type { CopySet } from './pair-copies.js';
import { testEventsPage } from './test-events-page.js';

export interface AdminDeps {
  records: RecordStore;
  faults: Faults;
  baseUrl: () => string;
  /** Other destinations' copies for the Test Events pairs (Meta's and Google's stand-ins adapt theirs; see pair-copies.ts). */
  otherCopies?: () => readonly CopySet[];
}

const MAX_PIXEL_BODY = 256 * 1024;

function query(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '/';
  const i = url.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : url.slice(i + 1));
}

/** Filters shared by the list endpoints: `?pixel_id=&event=&event_id=&test_event_code=&since=<seq>&limit=`. */
function filter<T extends { seq: number }>(items: readonly T[], q: URLSearchParams, fields: Record<string, (item: T) => unknown>): T[] {
  const since = Number(q.get('since') ?? 0);
  const limit = Number(q.get('limit') ?? 0);
  const wanted = Object.entries(fields).filter(([name]) => q.has(name));
  let out = items.filter((item) => item.seq > since && wanted.every(([name, get]) => String(get(item)) === q.get(name)));
  if (limit > 0) out = out.slice(-limit);
  return out;
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, deps: AdminDeps): Promise<boolean> {
  const path = (req.url ?? '/').split('?', 1)[0]!;
  const method = req.method ?? 'GET';
  const { records, faults } = deps;

  if (method === 'OPTIONS' && (path === '/pixel/collect' || path.startsWith('/__emulator/'))) {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return true;
  }
  // Also at TikTok's own path, so a test can reroute analytics.tiktok.com by host alone.
  if ((path === '/pixel/events.js' || path === '/i18n/pixel/events.js') && method === 'GET') {
    const host = req.headers.host;
    const origin = host ? `http://${host}` : deps.baseUrl();
    sendText(res, 200, 'application/javascript; charset=utf-8', pixelScript(`${origin}/pixel/collect`), { ...CORS_HEADERS, 'cache-control': 'no-store' });
    return true;
  }
  if (path === '/pixel/collect' && method === 'POST') {
    const text = await readBody(req, MAX_PIXEL_BODY);
    let body: unknown;
    try {
      body = JSON.parse(text ?? '');
    } catch {
      sendJson(res, 400, { ok: false, error: 'body: Invalid JSON' }, CORS_HEADERS);
      return true;
    }
    const call = toPixelCall(body, records.pixelCalls().length + 1, Date.now(), !!req.headers['user-agent']);
    if (typeof call === 'string') sendJson(res, 400, { ok: false, error: call }, CORS_HEADERS);
    else {
      records.addPixelCall(call);
      res.writeHead(204, CORS_HEADERS);
      res.end();
    }
    return true;
  }
  if (path === '/test-events' && method === 'GET') {
    sendText(res, 200, 'text/html; charset=utf-8', testEventsPage(), { 'cache-control': 'no-store' });
    return true;
  }
  if (path === '/' && method === 'GET') {
    res.writeHead(302, { location: '/test-events' });
    res.end();
    return true;
  }
  if (!path.startsWith('/__emulator/')) return false;
  const q = query(req);
  const json = (status: number, body: unknown) => sendJson(res, status, body, CORS_HEADERS);

  switch (`${method} ${path}`) {
    case 'GET /__emulator/health':
      json(200, { ok: true, url: deps.baseUrl(), totals: records.snapshot(true).totals });
      return true;
    case 'GET /__emulator/events':
      if (q.get('summary') === '1' || q.get('summary') === 'true') json(200, records.snapshot(true));
      else json(200, filter(records.events(), q, {
        pixel_id: (e) => e.pixelId, event: (e) => e.event, event_id: (e) => e.eventId, test_event_code: (e) => e.testEventCode, request_id: (e) => e.requestId,
      }));
      return true;
    case 'GET /__emulator/requests':
      json(200, filter(records.requests(), q, {
        pixel_id: (r) => r.pixelId, code: (r) => r.code, test_event_code: (r) => r.testEventCode, faulted: (r) => r.faulted, request_id: (r) => r.requestId,
      }));
      return true;
    case 'GET /__emulator/pixel':
      json(200, filter(records.pixelCalls(), q, {
        pixel_id: (c) => c.pixelId, method: (c) => c.method, event: (c) => c.event, event_id: (c) => c.eventId, status: (c) => c.status,
      }));
      return true;
    case 'GET /__emulator/records':
      json(200, records.snapshot(q.get('summary') === '1' || q.get('summary') === 'true'));
      return true;
    case 'GET /__emulator/pairs':
      json(200, pairEvents({
        server: records.events(), pixel: records.pixelCalls(), also: deps.otherCopies?.(), now: Date.now(),
        testEventCode: q.get('test_event_code') || undefined, limit: Number(q.get('limit') ?? 0),
      }));
      return true;
    case 'GET /__emulator/faults':
      json(200, { faults: faults.get() });
      return true;
    case 'POST /__emulator/faults': {
      const text = await readBody(req, 64 * 1024);
      try {
        faults.set(parseFaultSpec(JSON.parse(text ?? '')));
        json(200, { ok: true, faults: faults.get() });
      } catch (error) {
        json(400, { ok: false, error: (error as Error).message });
      }
      return true;
    }
    case 'DELETE /__emulator/faults':
      faults.clear();
      json(200, { ok: true, faults: null });
      return true;
    case 'POST /__emulator/reset':
      records.reset();
      faults.clear();
      json(200, { ok: true });
      return true;
    default:
      json(404, { ok: false, error: `unknown emulator route ${method} ${path}` });
      return true;
  }
}
