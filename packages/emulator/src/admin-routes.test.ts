import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleAdmin } from './admin-routes.js';
import { createFaults } from './faults.js';
import { createRecordStore } from './records.js';
import type { CopySet } from './pair-copies.js';

const records = createRecordStore(100);
let others: CopySet[] = [];
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    void handleAdmin(req, res, { records, faults: createFaults(), baseUrl: () => url, otherCopies: () => others }).then((handled) => {
      if (!handled) { res.writeHead(404); res.end(); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => { records.reset(); others = []; });

const now = () => Math.floor(Date.now() / 1000);
function accept(eventId: string, testEventCode: string | undefined, user: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  records.addAccepted({ event_source: 'web', event_source_id: 'PIX', ...(testEventCode ? { test_event_code: testEventCode } : {}), data: [{ event: 'ViewContent', event_time: now(), event_id: eventId, user, ...extra }] }, Date.now(), 'R1');
}
async function collect(call: Record<string, unknown>) {
  const res = await fetch(`${url}/pixel/collect`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ pixelId: 'PIX', method: 'track', event: 'ViewContent', status: 'sent', consent: 'granted', time: 1, ...call }) });
  expect(res.status).toBe(204);
}
const pairs = async (query = '') => (await fetch(`${url}/__emulator/pairs${query}`)).json();

describe('GET /__emulator/pairs', () => {
  it('carries the verdict, reason, code, findings, words, summary and match quality the page shows', async () => {
    accept('v1', undefined, { ip: '203.0.113.9', user_agent: 'UA', ttclid: 'E.C.P.1', ttp: 'a_.tt.1' }, { properties: { ad_user_data: 'GRANTED' } });
    await collect({ callId: 'pg-1', eventId: 'v1', ttp: 'a_.tt.1' });
    const report = await pairs();
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]).toMatchObject({
      destination: 'tiktok', account: 'PIX', pixelId: 'PIX', event: 'ViewContent', eventId: 'v1',
      verdict: 'ok', verdictLabel: 'OK', code: 'paired', reason: expect.stringContaining('TikTok merges them'),
      pixelState: { state: 'sent', text: 'Sent' }, serverState: { state: 'accepted', text: 'Accepted' }, warnings: [],
      server: { limitedDataUse: null, consent: { limitedDataUse: 'not_set', text: ['Ad data: granted', 'Personalised ads: not stated', 'Limited data use: not set (same as off)'] } },
    });
    expect(report.pairs[0].findings.map((f: { code: string }) => f.code)).toEqual(['paired', 'anonymous_upper_funnel']);
    expect(report.summary).toMatchObject({ pairs: 1, ok: 1, attention: 0, broken: 0, headline: 'The event is correct.' });
    expect(report.matchQuality).toMatchObject([{ event: 'ViewContent', serverCopies: 1, level: 'anonymous', levelText: 'Anonymous, as expected' }]);
    expect(report.destinations).toMatchObject([{ destination: 'tiktok', name: 'TikTok', pairedBy: 'pixel id + event + event_id' }]);
    expect(report.filter).toMatchObject({ testEventCode: null, pixelPairedElsewhere: 0 });
  });

  it('filters both sides by test_event_code, and treats an empty code (the filter form cleared) as no filter', async () => {
    accept('t1', 'TEST123', { ip: '203.0.113.9', user_agent: 'UA' });
    accept('live1', undefined, { ip: '203.0.113.9', user_agent: 'UA' });
    await collect({ callId: 'pg-1', eventId: 't1' });
    await collect({ callId: 'pg-2', eventId: 'live1' });
    const filtered = await pairs('?test_event_code=TEST123');
    expect(filtered.pairs.map((p: { eventId: string; verdict: string }) => [p.eventId, p.verdict])).toEqual([['t1', 'ok']]);
    expect(filtered.summary.warnings).toEqual({});
    expect(filtered.filter).toMatchObject({ testEventCode: 'TEST123', pixelPairedElsewhere: 1 });
    expect((await pairs('?test_event_code=')).pairs).toHaveLength(2);
  });

  it('pairs the copies other destinations plug in beside TikTok', async () => {
    others = [{
      pixel: [{ destination: 'meta', account: 'FB1', event: 'Purchase', eventId: 'ord_1', callId: 'm1', at: Date.now(), status: 'sent', consent: 'granted', keys: {}, browserId: null, pageUrl: 'https://shop.example/', auto: false }],
      server: [], consent: [],
    }];
    const report = await pairs();
    expect(report.pairs).toMatchObject([{ destination: 'meta', event: 'Purchase', verdict: 'attention', code: 'server_pending' }]);
    expect(report.destinations.map((d: { name: string }) => d.name)).toEqual(['Meta']);
  });
});

describe('GET /test-events', () => {
  it('serves the page with its hooks, a phone viewport and a script that parses', async () => {
    const res = await fetch(`${url}/test-events`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    for (const hook of ['id="rows"', 'id="counts"', 'id="headline"', 'id="quality-rows"', 'name="test_event_code"', 'id="help-filter"', 'name="viewport"']) expect(html).toContain(hook);
    expect(html).toContain('@media (max-width:760px)');
    const script = html.slice(html.indexOf('<script>') + 8, html.lastIndexOf('</script>'));
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toContain('innerHTML');
  });
});
