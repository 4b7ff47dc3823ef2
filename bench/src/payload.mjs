/**
 * Payload building, side by side: pixelpair's prepare step, the peer and the naive stack over the
 * same records in one run, on the varied records and on the journey stream; then each
 * pipeline's phone hashes checked against sha256 of libphonenumber's E.164 on a sample.
 */
import { expectedPhoneHash, metaPhoneHash, naive, peer, PIPELINES, pixelpair } from './pipelines.mjs';
import { int, pct, ratio, spread } from './format.mjs';
import { interleaved } from './stats.mjs';
// The server's bounded cache of hashed identifiers is internal (not exported); the bench reads its
// counters by path: the same module instance @pixelpair/server's prepare step uses.
const cache = await import('../../packages/server/dist/normalize/identifier-cache.js').catch(() => undefined);

function throughputTable(title, records, opts) {
  const envelopes = records.map((r) => r.envelope);
  cache?.clearIdentifierCache();
  const results = interleaved(PIPELINES, envelopes, opts);
  const hits = cache?.identifierCacheStats();
  const by = Object.fromEntries(PIPELINES.map((p, i) => [p.name, results[i]]));
  const pp = by[pixelpair.name].median;
  const rows = results.map((r) => [r.name, int(r.median), spread(r), ratio(r.median / by[naive.name].median), ratio(r.median / by[peer.name].median)]);
  return {
    title,
    columns: ['pipeline', 'events/s, one core (median)', 'spread (slowest / fastest pass)', 'vs naive', 'vs peer'],
    rows,
    notes: [`${envelopes.length.toLocaleString('en-US')} records, ${opts.passes} interleaved timed passes after a warm-up of ${opts.warmup.toLocaleString('en-US')}. pixelpair/naive **${ratio(pp / by[naive.name].median)}**, pixelpair/peer **${ratio(pp / by[peer.name].median)}**. Every pass sees the same records, so a cache only helps across passes if it holds more entries than there are records.${hits ? ` pixelpair's identifier cache (${int(hits.capacity)} entries, keyed by a hash, never by the value): hit rate ${pct(hits.hitRate * 100, 1)} over the warm-up and every pass.` : ''}`],
    data: { records: envelopes.length, results, ratios: { pixelpairOverNaive: pp / by[naive.name].median, pixelpairOverPeer: pp / by[peer.name].median }, ...(hits ? { identifierCache: hits } : {}) },
  };
}

function correctnessTable(title, records, sample) {
  const picked = records.filter((r) => r.envelope.consent.adUserData === 'granted').slice(0, sample);
  const rows = [];
  const data = [];
  for (const p of PIPELINES) {
    let hashed = 0;
    let plus = 0;
    let digits = 0;
    for (const r of picked) {
      const h = p.phoneHash(p.run(r.envelope));
      if (!h) continue;
      hashed++;
      if (h === expectedPhoneHash(r.e164)) plus++;
      else if (h === metaPhoneHash(r.e164)) digits++;
    }
    const n = picked.length;
    rows.push([p.name, int(n), pct((hashed / n) * 100, 1), pct((plus / n) * 100, 1), pct((digits / n) * 100, 1)]);
    data.push({ name: p.name, sample: n, hashedShare: hashed / n, correctShare: plus / n, metaRuleShare: digits / n });
  }
  return {
    title,
    columns: ['pipeline', 'sample (consent granted)', 'phones hashed', '= sha256("+E.164")', '= sha256(E.164 digits), Meta\'s rule'],
    rows,
    notes: ['The expected value is libphonenumber-js/max\'s E.164 of the number the generator made. TikTok and Google require the `+`; Meta hashes the digits with the country code.'],
    data,
  };
}

export function payloadSections({ varied, journey, passes, warmup, sample }) {
  return [
    throughputTable('Payload building: varied records', varied, { passes, warmup }),
    throughputTable('Payload building: journey stream (identifiers recur across 5 events)', journey, { passes, warmup }),
    correctnessTable('Phone-hash correctness (varied records)', varied, sample),
    correctnessTable('Phone-hash correctness (journey stream)', journey, sample),
  ];
}
