/** Number formatting for the tables: rates as whole numbers with separators, ratios with ×. */
export const int = (n) => Math.round(n).toLocaleString('en-US');
export const ratio = (n) => `${n.toFixed(2)}×`;
export const pct = (n, digits = 0) => `${n.toFixed(digits)} %`;
export const ms = (n, digits = 3) => `${n.toFixed(digits)} ms`;
export const mb = (n) => `${n.toFixed(1)} MB`;
export const bytes = (n) => int(n);
/** "±x %" spread of a summary (max − min over the median). */
export const spread = (s) => `±${(s.spreadPct / 2).toFixed(0)} %`;
