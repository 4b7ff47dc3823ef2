/** Number formatting for the tables: rates as whole numbers with separators, ratios with ×. */
export const int = (n) => Math.round(n).toLocaleString('en-US');
export const ratio = (n) => `${n.toFixed(2)}×`;
export const pct = (n, digits = 0) => `${n.toFixed(digits)} %`;
export const ms = (n, digits = 3) => `${n.toFixed(digits)} ms`;
export const mb = (n) => `${n.toFixed(1)} MB`;
export const bytes = (n) => int(n);
/** The slowest and the fastest pass against the median: "−a % / +b %". */
export const spread = (s) => (s.median > 0 ? `−${(((s.median - s.min) / s.median) * 100).toFixed(0)} % / +${(((s.max - s.median) / s.median) * 100).toFixed(0)} %` : 'n/a');
