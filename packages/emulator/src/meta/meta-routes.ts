/**
 * Meta's routes besides the Conversions API: the `fbq` stub and its collector, and the JSON API
 * under `/__emulator/meta/` that tests read and steer (the same data as `emulator.meta`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultSpec, type Faults } from '../faults.js';
import { CORS_HEADERS, readBody, sendJson, sendText } from '../http.js';
import { META_FAULT_KINDS, type MetaFaultKind } from './meta-faults.js';
import type { MetaRecordStore } from './meta-records.js';
import { metaPixelScript } from './fbq-stub-script.js';
import { toMetaPixelCall } from './pixel-call.js';

export const META_PIXEL_SCRIPT_PATH = '/meta/fbevents.js';
export const META_COLLECT_PATH = '/meta/collect';
/** Meta's own script path on connect.facebook.net (any locale), so a test can reroute by host alone. */
const META_OWN_SCRIPT = /^\/[a-z]{2}_[A-Z]{2}\/fbevents\.js$/;
const MAX_PIXEL_BODY = 64 * 1024;

export interface MetaRouteDeps {
  records: MetaRecordStore;
  faults: Faults<MetaFaultKind>;
  baseUrl: () => string;
  reset: () => void;
}

function filter<T extends { seq: number }>(items: readonly T[], q: URLSearchParams, fields: Record<string, (item: T) => unknown>): T[] {
  const since = Number(q.get('since') ?? 0);
  const limit = Number(q.get('limit') ?? 0);
  const wanted = Object.entries(fields).filter(([name]) => q.has(name));
  const out = items.filter((item) => item.seq > since && wanted.every(([name, get]) => String(get(item)) === q.get(name)));
  return limit > 0 ? out.slice(-limit) : out;
}

/** Answers the route and returns true, or returns false when the path is not Meta's. */
export async function handleMetaRoutes(req: IncomingMessage, res: ServerResponse, path: string, deps: MetaRouteDeps): Promise<boolean> {
  const method = req.method ?? 'GET';
  const { records, faults } = deps;
  if (method === 'OPTIONS' && (path === META_COLLECT_PATH || path.startsWith('/__emulator/meta/'))) {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return true;
  }
  if ((path === META_PIXEL_SCRIPT_PATH || META_OWN_SCRIPT.test(path)) && method === 'GET') {
    const host = req.headers.host;
    const origin = host ? `http://${host}` : deps.baseUrl();
    sendText(res, 200, 'application/javascript; charset=utf-8', metaPixelScript(`${origin}${META_COLLECT_PATH}`), { ...CORS_HEADERS, 'cache-control': 'no-store' });
    return true;
  }
  if (path === META_COLLECT_PATH && method === 'POST') {
    const text = await readBody(req, MAX_PIXEL_BODY);
    let body: unknown;
    try { body = JSON.parse(text ?? ''); } catch {
      sendJson(res, 400, { ok: false, error: text === null ? 'body: larger than 64 KiB' : 'body: Invalid JSON' }, CORS_HEADERS);
      return true;
    }
    const call = toMetaPixelCall(body, records.pixelCalls().length + 1, Date.now(), !!req.headers['user-agent']);
    if (typeof call === 'string') sendJson(res, 400, { ok: false, error: call }, CORS_HEADERS);
    else {
      records.addPixelCall(call);
      res.writeHead(204, CORS_HEADERS);
      res.end();
    }
    return true;
  }
  if (!path.startsWith('/__emulator/meta/')) return false;
  const url = req.url ?? '/';
  const q = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  const json = (status: number, body: unknown) => sendJson(res, status, body, CORS_HEADERS);
  const summary = q.get('summary') === '1' || q.get('summary') === 'true';
  switch (`${method} ${path}`) {
    case 'GET /__emulator/meta/records':
      json(200, records.snapshot(summary));
      return true;
    case 'GET /__emulator/meta/events':
      json(200, filter(records.events(), q, {
        pixel_id: (e) => e.pixelId, event: (e) => e.event, event_id: (e) => e.eventId, test_event_code: (e) => e.testEventCode, fbtrace_id: (e) => e.fbtraceId,
      }));
      return true;
    case 'GET /__emulator/meta/requests':
      json(200, filter(records.requests(), q, {
        pixel_id: (r) => r.pixelId, code: (r) => r.code, http_status: (r) => r.httpStatus, faulted: (r) => r.faulted, token_in_url: (r) => r.tokenInUrl, fbtrace_id: (r) => r.fbtraceId,
      }));
      return true;
    case 'GET /__emulator/meta/pixel':
      json(200, filter(records.pixelCalls(), q, {
        pixel_id: (c) => c.pixelId, method: (c) => c.method, event: (c) => c.event, event_id: (c) => c.eventId, status: (c) => c.status,
      }));
      return true;
    case 'GET /__emulator/meta/faults':
      json(200, { faults: faults.get() });
      return true;
    case 'POST /__emulator/meta/faults': {
      const text = await readBody(req, 64 * 1024);
      try {
        faults.set(parseFaultSpec(JSON.parse(text ?? ''), META_FAULT_KINDS));
        json(200, { ok: true, faults: faults.get() });
      } catch (error) {
        json(400, { ok: false, error: (error as Error).message });
      }
      return true;
    }
    case 'DELETE /__emulator/meta/faults':
      faults.clear();
      json(200, { ok: true, faults: null });
      return true;
    case 'POST /__emulator/meta/reset':
      deps.reset();
      json(200, { ok: true });
      return true;
    default:
      json(404, { ok: false, error: `unknown emulator route ${method} ${path}` });
      return true;
  }
}
