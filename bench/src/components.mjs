/**
 * What the pieces of a correct pipeline cost alone, per record, in the same run: the floor any
 * prepare step stands on (three SHA-256 hashes, one phone parse, one schema parse).
 */
import crypto, { createHash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { int, spread } from './format.mjs';
import { naiveSchema } from './pipelines.mjs';
import { interleaved } from './stats.mjs';

const identifiers = (e) => [e.user.email.trim().toLowerCase(), e.user.phone, e.user.externalId];

export function componentsSection({ records, passes, warmup }) {
  const envelopes = records.map((r) => r.envelope);
  const contenders = [
    { name: '3 × createHash(sha256).update().digest(hex)', run: (e) => { for (const s of identifiers(e)) createHash('sha256').update(s).digest('hex'); return 1; } },
    ...(typeof crypto.hash === 'function' ? [{ name: "3 × crypto.hash('sha256', …)", run: (e) => { for (const s of identifiers(e)) crypto.hash('sha256', s); return 1; } }] : []),
    { name: 'libphonenumber-js/max parse + isValid (country hint)', run: (e) => parsePhoneNumberFromString(e.user.phone, e.user.country)?.isValid() },
    { name: 'zod safeParse of the envelope (the naive schema)', run: (e) => naiveSchema.safeParse(e).success },
  ];
  const results = interleaved(contenders, envelopes, { passes, warmup });
  return {
    title: 'Components alone (per record)',
    columns: ['component', 'records/s, one core (median)', 'spread (slowest / fastest pass)'],
    rows: results.map((r) => [r.name, int(r.median), spread(r)]),
    notes: [`${int(envelopes.length)} varied records, ${passes} interleaved passes.`],
    data: { records: envelopes.length, results },
  };
}
