/** Timing helpers: medians, spreads, percentiles and interleaved passes (every contender in every pass). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
export const now = () => performance.now();
const collect = () => globalThis.gc?.();

/** Median and spread ((max − min) / median, in %) of per-pass rates. */
export function summary(rates) {
  const m = median(rates);
  return { median: m, min: Math.min(...rates), max: Math.max(...rates), spreadPct: m > 0 ? ((Math.max(...rates) - Math.min(...rates)) / m) * 100 : 0, passes: rates.length };
}

/**
 * Runs each contender over `inputs` once per pass, in a rotated order so none always runs first
 * or right after a GC-heavy neighbour; a warm-up pass over `warmup` inputs comes first.
 * `run(input)` is timed; its results are counted (`ok`) so the work cannot be optimised away.
 */
export function interleaved(contenders, inputs, { passes, warmup }) {
  const rates = contenders.map(() => []);
  const sink = { ok: 0 };
  const pass = (c, list) => {
    const t = now();
    for (let i = 0; i < list.length; i++) if (c.run(list[i]) !== undefined) sink.ok++;
    return (now() - t) / 1000;
  };
  const head = inputs.slice(0, warmup);
  for (const c of contenders) pass(c, head);
  for (let p = 0; p < passes; p++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + p) % contenders.length;
      collect();
      rates[i].push(inputs.length / pass(contenders[i], inputs));
    }
  }
  return contenders.map((c, i) => ({ name: c.name, ...summary(rates[i]) }));
}

/** Times an async step `passes` times after one warm-up; returns the per-pass rates of `units`. */
export async function timedAsync(units, step, { passes, warmup = true }) {
  if (warmup) await step();
  const rates = [];
  for (let p = 0; p < passes; p++) {
    collect();
    const t = now();
    await step();
    rates.push(units / ((now() - t) / 1000));
  }
  return summary(rates);
}
