import { describe, expect, it } from 'vitest';
import type { PreparedEvent } from '../types.js';
import { groupForRequests, requestBatcher } from './batch.js';
import { buildRequestBodies, requestBodies } from './bodies.js';

function prepared(i: number, pixelId = 'PIXEL_A', testEventCode?: string): PreparedEvent {
  const wire = { event: 'ViewContent', event_time: 1_795_000_000, event_id: `pv_${i}` };
  return {
    destination: 'tiktok',
    account: pixelId,
    event: 'ViewContent',
    eventId: `pv_${i}`,
    eventTime: 1_795_000_000,
    batch: testEventCode ?? '',
    test: !!testEventCode,
    wire,
    wireJson: JSON.stringify(wire),
    warnings: [],
    log: {
      consent: { adUserData: 'granted', adPersonalization: 'granted' },
      policy: { adUserData: 'granted', adPersonalization: 'granted', optIn: false },
      matchKeys: { email: false, phone: false, external_id: false, ttclid: false, ttp: false, ip_user_agent: false },
      identifiers: 'sent',
    },
  };
}

describe('buildRequestBodies', () => {
  it('chunks 2,500 events into 1000 + 1000 + 500, in order', () => {
    const bodies = buildRequestBodies(Array.from({ length: 2500 }, (_, i) => prepared(i)));
    expect(bodies.map((b) => b.data.length)).toEqual([1000, 1000, 500]);
    expect(bodies[1]?.data[0]?.event_id).toBe('pv_1000');
    expect(bodies.every((b) => b.event_source === 'web' && b.event_source_id === 'PIXEL_A' && !('test_event_code' in b))).toBe(true);
  });

  it('never batches test events with live ones, and groups by pixel', () => {
    const bodies = buildRequestBodies([prepared(1), prepared(2, 'PIXEL_A', 'TEST1'), prepared(3), prepared(4, 'PIXEL_B'), prepared(5, 'PIXEL_A', 'TEST1')]);
    expect(bodies.map((b) => [b.event_source_id, b.test_event_code, b.data.map((e) => e.event_id)])).toEqual([
      ['PIXEL_A', undefined, ['pv_1', 'pv_3']],
      ['PIXEL_A', 'TEST1', ['pv_2', 'pv_5']],
      ['PIXEL_B', undefined, ['pv_4']],
    ]);
  });

  it('clamps the chunk size to 1000 and returns nothing for nothing', () => {
    expect(buildRequestBodies(Array.from({ length: 1500 }, (_, i) => prepared(i)), { maxEvents: 5000 }).map((b) => b.data.length)).toEqual([1000, 500]);
    expect(buildRequestBodies(Array.from({ length: 5 }, (_, i) => prepared(i)), { maxEvents: 2 }).map((b) => b.data.length)).toEqual([2, 2, 1]);
    expect(buildRequestBodies([])).toEqual([]);
  });

  it('joins the events as serialised once: the body is valid JSON and carries each event unchanged', () => {
    const events = Array.from({ length: 3 }, (_, i) => prepared(i, 'PIXEL_A', 'TEST9'));
    const [body] = requestBodies(events);
    expect(JSON.parse(body!.body)).toEqual({ event_source: 'web', event_source_id: 'PIXEL_A', data: events.map((e) => e.wire), test_event_code: 'TEST9' });
    expect(body).toMatchObject({ destination: 'tiktok', account: 'PIXEL_A', batch: 'TEST9', events: 3 });
  });
});

describe('requestBatcher (requests built while events arrive)', () => {
  const ids = (groups: Array<{ batch: string; events: PreparedEvent[] }>) => groups.map((g) => [g.batch, g.events.map((e) => e.eventId)]);
  // A live stream with a test code now and then: live requests fill, the test one waits.
  const stream = Array.from({ length: 24 }, (_, i) => prepared(i, 'PIXEL_A', i % 7 === 3 ? 'TEST1' : undefined));

  it('answers each request the moment it is full, and the rest at the end: the same requests as groupForRequests', () => {
    const batcher = requestBatcher<PreparedEvent>(() => 5, () => Infinity);
    const sent: Array<{ batch: string; events: PreparedEvent[] }> = [];
    const filledAt: number[] = [];
    stream.forEach((e, i) => {
      const full = batcher.add(e);
      if (full) {
        sent.push(full);
        filledAt.push(i);
      }
      expect(batcher.due()).toEqual([]);
    });
    sent.push(...batcher.rest());
    expect(filledAt).toEqual([5, 11, 16, 22]);
    expect(ids(sent).sort()).toEqual(ids(groupForRequests(stream, () => 5)).sort());
    expect(batcher.rest()).toEqual([]);
  });

  it('lets an unfilled request go once it has waited for `hold` other events, never before', () => {
    const batcher = requestBatcher<PreparedEvent>(() => 5, () => 10);
    const due: Array<[number, string[]]> = [];
    stream.forEach((e, i) => {
      batcher.add(e);
      for (const g of batcher.due()) due.push([i, g.events.map((x) => x.eventId)]);
    });
    // The test request opened with pv_3 (the 4th event) and went at the 14th, 10 events later.
    expect(due).toEqual([[13, ['pv_3', 'pv_10']]]);
    expect(ids(batcher.rest())).toEqual([['TEST1', ['pv_17']], ['', ['pv_23']]]);
  });
});
