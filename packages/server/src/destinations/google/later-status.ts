/**
 * Problems Google reports only after accepting a request (destinations.md B1): `GET
 * /v1/requestStatus:retrieve?requestId=…` answers per destination SUCCESS, PARTIAL_SUCCESS,
 * FAILED or PROCESSING, with `errorInfo.errorCounts[{ reason, recordCount }]` (a duplicate
 * transaction id, denied consent, an event too old…). `pixelpair status --destination google`
 * shows them.
 */
import { jsonBody } from '../../delivery/answer.js';
import type { HttpSender } from '../../delivery/http.js';
import type { LaterStatus } from '../destination.js';
import type { TokenSource } from './auth.js';

interface StatusBody {
  requestStatusPerDestination?: Array<{
    requestStatus?: string;
    errorInfo?: { errorCounts?: Array<{ reason?: string; recordCount?: string | number }> };
    eventsIngestionStatus?: { recordCount?: string | number };
  }>;
  error?: { status?: string; details?: Array<{ reason?: string }> };
}

export async function googleLaterStatus(requestIds: readonly string[], http: HttpSender, statusUrl: URL, token: TokenSource): Promise<LaterStatus[]> {
  const out: LaterStatus[] = [];
  for (const requestId of requestIds) {
    const bearer = await token();
    if (typeof bearer !== 'string') {
      out.push({ requestId, state: 'UNKNOWN', errors: [], problem: bearer.message ?? bearer.reason });
      continue;
    }
    const url = new URL(statusUrl);
    url.searchParams.set('requestId', requestId);
    const answer = await http.send({ url, method: 'GET', headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } });
    if ('error' in answer) {
      out.push({ requestId, state: 'UNKNOWN', errors: [], problem: answer.error });
      continue;
    }
    const body = jsonBody(answer.text) as StatusBody | undefined;
    if (answer.status !== 200 || !body?.requestStatusPerDestination) {
      const reason = body?.error?.details?.find((d) => typeof d.reason === 'string')?.reason ?? body?.error?.status ?? `HTTP ${answer.status}`;
      out.push({ requestId, state: 'UNKNOWN', errors: [], problem: String(reason) });
      continue;
    }
    const errors = new Map<string, number>();
    let records = 0;
    const states = new Set<string>();
    for (const d of body.requestStatusPerDestination) {
      states.add(d.requestStatus ?? 'UNKNOWN');
      records += Number(d.eventsIngestionStatus?.recordCount ?? 0);
      for (const e of d.errorInfo?.errorCounts ?? []) if (e.reason) errors.set(e.reason, (errors.get(e.reason) ?? 0) + Number(e.recordCount ?? 0));
    }
    out.push({ requestId, state: [...states].join(','), records, errors: [...errors].map(([reason, n]) => ({ reason, records: n })) });
  }
  return out;
}
