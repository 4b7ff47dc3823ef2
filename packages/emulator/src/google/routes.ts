/**
 * The Google stand-in's HTTP routes: the token endpoint, the Data Manager API at Google's
 * paths, the gtag stub and its collector, and the JSON API under `/__emulator/google/`.
 * Returns false for any other path so the TikTok routes get it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultSpec, type Faults } from '../faults.js';
import { CORS_HEADERS, readBody, sendJson, sendText } from '../http.js';
import { toGtagCall } from './gtag/gtag-call.js';
import { gtagScript } from './gtag/stub-script.js';
import { handleIngest, type IngestDeps } from './ingest-endpoint.js';
import { handleRequestStatus, type ProcessingErrorSpec } from './request-status.js';
import type { GoogleRecords } from './records.js';
import type { ServiceAccountKey } from './service-account.js';
import { handleToken, type TokenDeps } from './token-endpoint.js';

export const GOOGLE_PATHS = {
  token: '/google/token',
  ingest: '/v1/events:ingest',
  requestStatus: '/v1/requestStatus:retrieve',
  gtag: '/google/gtag.js',
  collect: '/google/collect',
} as const;

export interface GoogleRouteDeps {
  token: TokenDeps;
  ingest: IngestDeps;
  faults: Faults;
  tokenFaults: Faults;
  records: () => GoogleRecords;
  serviceAccountKey: () => ServiceAccountKey;
  injectProcessingError: (spec: ProcessingErrorSpec) => void;
  expireTokens: () => void;
  reset: () => void;
  baseUrl: () => string;
}

const MAX_TAG_BODY = 64 * 1024;

function query(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '/';
  const i = url.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : url.slice(i + 1));
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  return JSON.parse((await readBody(req, MAX_TAG_BODY)) ?? '');
}

async function faultRoute(req: IncomingMessage, res: ServerResponse, faults: Faults): Promise<void> {
  const json = (status: number, body: unknown) => sendJson(res, status, body, CORS_HEADERS);
  if (req.method === 'GET') return json(200, { faults: faults.get() });
  if (req.method === 'DELETE') { faults.clear(); return json(200, { ok: true, faults: null }); }
  try {
    faults.set(parseFaultSpec(await jsonBody(req)));
    json(200, { ok: true, faults: faults.get() });
  } catch (error) {
    json(400, { ok: false, error: (error as Error).message });
  }
}

export async function handleGoogle(req: IncomingMessage, res: ServerResponse, deps: GoogleRouteDeps): Promise<boolean> {
  const path = (req.url ?? '/').split('?', 1)[0]!;
  const method = req.method ?? 'GET';
  const only = (allowed: string) => {
    if (method === allowed) return true;
    sendText(res, 405, 'text/plain', 'Method Not Allowed', { allow: allowed });
    return false;
  };
  switch (path) {
    case GOOGLE_PATHS.token: case '/token':
      if (only('POST')) await handleToken(req, res, deps.token);
      return true;
    case GOOGLE_PATHS.ingest:
      if (only('POST')) await handleIngest(req, res, deps.ingest);
      return true;
    case GOOGLE_PATHS.requestStatus:
      if (only('GET')) handleRequestStatus(req, res, { records: deps.ingest.records, tokens: deps.ingest.tokens, nextRequestId: deps.ingest.nextRequestId });
      return true;
    case GOOGLE_PATHS.gtag: case '/gtag/js': {
      if (!only('GET')) return true;
      const host = req.headers.host;
      const origin = host ? `http://${host}` : deps.baseUrl();
      const q = query(req);
      const script = gtagScript(`${origin}${GOOGLE_PATHS.collect}`, { region: q.get('region') ?? undefined, dataLayer: q.get('l') ?? undefined });
      sendText(res, 200, 'application/javascript; charset=utf-8', script, { ...CORS_HEADERS, 'cache-control': 'no-store' });
      return true;
    }
    case GOOGLE_PATHS.collect: {
      if (method === 'OPTIONS') { res.writeHead(204, CORS_HEADERS); res.end(); return true; }
      if (!only('POST')) return true;
      let body: unknown;
      try { body = await jsonBody(req); } catch { sendJson(res, 400, { ok: false, error: 'body: Invalid JSON' }, CORS_HEADERS); return true; }
      const call = toGtagCall(body, deps.ingest.records.tagCalls().length + 1, Date.now(), !!req.headers['user-agent']);
      if (typeof call === 'string') sendJson(res, 400, { ok: false, error: call }, CORS_HEADERS);
      else { deps.ingest.records.addTagCall(call); res.writeHead(204, CORS_HEADERS); res.end(); }
      return true;
    }
  }
  if (!path.startsWith('/__emulator/google/')) return false;
  if (method === 'OPTIONS') { res.writeHead(204, CORS_HEADERS); res.end(); return true; }
  const json = (status: number, body: unknown) => sendJson(res, status, body, CORS_HEADERS);
  const q = query(req);
  switch (`${method} ${path.slice('/__emulator/google'.length)}`) {
    case 'GET /records': json(200, deps.records()); return true;
    case 'GET /events': {
      const tid = q.get('transaction_id');
      const action = q.get('conversion_action');
      json(200, deps.records().events.filter((e) => (tid === null || e.transactionId === tid) && (action === null || e.conversionAction === action)));
      return true;
    }
    case 'GET /tag': {
      const tid = q.get('transaction_id');
      json(200, deps.records().tag.filter((c) => tid === null || c.transactionId === tid));
      return true;
    }
    case 'GET /requests': json(200, deps.records().requests); return true;
    case 'GET /service-account': json(200, deps.serviceAccountKey()); return true;
    case 'POST /expire-tokens': deps.expireTokens(); json(200, { ok: true }); return true;
    case 'POST /processing-errors':
      try { deps.injectProcessingError((await jsonBody(req)) as ProcessingErrorSpec); json(200, { ok: true }); }
      catch (error) { json(400, { ok: false, error: (error as Error).message }); }
      return true;
    case 'POST /reset': deps.reset(); json(200, { ok: true }); return true;
  }
  if (path === '/__emulator/google/faults') { await faultRoute(req, res, deps.faults); return true; }
  if (path === '/__emulator/google/token-faults') { await faultRoute(req, res, deps.tokenFaults); return true; }
  json(404, { ok: false, error: `unknown emulator route ${method} ${path}` });
  return true;
}
