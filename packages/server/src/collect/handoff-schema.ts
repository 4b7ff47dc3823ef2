/**
 * The browser hand-off (core `Handoff`), validated before the app sees it: bounded strings,
 * consent values from a closed set, a bounded flat properties object. The browser is not
 * trusted: everything here is evidence to store, not truth.
 */
import { MAX_EVENT_ID_LENGTH } from '@pixelpair/core';
import { z } from 'zod';

const str = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const consentValue = z.enum(['granted', 'denied', 'unknown'], { error: 'must be "granted", "denied" or "unknown"' });
const primitive = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
const contentItem = z.record(z.string().max(64), primitive);

export const handoffSchema = z.strictObject({
  event: z.string().trim().min(1, 'must not be empty').max(100),
  eventId: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(MAX_EVENT_ID_LENGTH)
    .regex(/^[^\s@]+$/, 'must not contain spaces or "@"'),
  properties: z
    .record(z.string().max(64), z.union([primitive, z.array(z.union([primitive, contentItem])).max(200)]))
    .refine((p) => Object.keys(p).length <= 50, 'at most 50 properties')
    .optional(),
  context: z.strictObject({
    ttclid: str(1000).optional(),
    ttp: str(1000).optional(),
    userAgent: str(2048).optional(),
    page: z.strictObject({ url: str(4096).optional(), referrer: str(4096).optional() }),
    consent: z.strictObject({
      adUserData: consentValue,
      adPersonalization: consentValue,
      region: str(16).optional(),
      cmp: z.strictObject({ name: str(100), version: str(50).optional() }).optional(),
      decidedAt: str(40).optional(),
    }),
    capturedAt: str(40),
  }),
});
