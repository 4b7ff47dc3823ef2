import { describe, expect, it } from 'vitest';
import type { PreparedEvent } from '../types.js';
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
